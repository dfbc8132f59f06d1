package io.github.legacyauth.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Django's {@code PBKDF2PasswordHasher} and {@code PBKDF2SHA1PasswordHasher}
 * ({@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}, {@code pbkdf2_sha1$…}), as ZaneOps and every
 * Django application store them, checked with the server's BouncyCastle. Import: {@code credentialData}
 * {@code {"algorithm":"django-pbkdf2","hashIterations":-1}}, {@code secretData}
 * {@code {"value":"pbkdf2_sha256$870000$…","salt":""}}; Keycloak re-hashes to the realm's policy at the
 * first success.
 */
public final class DjangoPbkdf2PasswordHashProvider implements PasswordHashProvider {

    public static final String ID = "django-pbkdf2";
    static final int DEFAULT_ITERATIONS = 870_000;
    /** Twice Django 6's default; a higher count never verifies (10,000,000 took 9 s a check here). */
    static final int MAX_ITERATIONS = 2_000_000;
    private static final Pattern DJANGO = Pattern.compile("pbkdf2_(sha256|sha1)\\$(\\d{1,8})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{27,}={0,2})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SALT_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        int wanted = policy == null || policy.getHashIterations() <= 0 ? DEFAULT_ITERATIONS : policy.getHashIterations();
        Matcher m = DJANGO.matcher(String.valueOf(credential.getPasswordSecretData().getValue()));
        return ID.equals(credential.getPasswordCredentialData().getAlgorithm()) && m.matches()
                && "sha256".equals(m.group(1)) && Integer.parseInt(m.group(2)) == wanted;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        int rounds = iterations <= 0 ? DEFAULT_ITERATIONS : Math.min(iterations, MAX_ITERATIONS);
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            salt.append(SALT_CHARACTERS.charAt(RANDOM.nextInt(SALT_CHARACTERS.length())));
        }
        byte[] hash = derive(new SHA256Digest(), rawPassword, salt.toString(), rounds);
        String value = "pbkdf2_sha256$" + rounds + "$" + salt + "$" + Base64.getEncoder().encodeToString(hash);
        return PasswordCredentialModel.createFromValues(ID, new byte[0], rounds, value);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        String value = credential.getPasswordSecretData().getValue();
        Matcher m = value == null ? null : DJANGO.matcher(value);
        if (rawPassword == null || m == null || !m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(2));
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(m.group(4));
        } catch (IllegalArgumentException e) {
            return false;
        }
        Digest digest = "sha256".equals(m.group(1)) ? new SHA256Digest() : new SHA1Digest();
        if (iterations < 1 || iterations > MAX_ITERATIONS || expected.length != digest.getDigestSize()) {
            return false;
        }
        byte[] stored = expected;
        String salt = m.group(3);
        return HashBudget.check(ID, 0, () -> MessageDigest.isEqual(derive(digest, rawPassword, salt, iterations), stored));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        Matcher m = DJANGO.matcher(String.valueOf(credential.getPasswordSecretData().getValue()));
        return m.matches() ? m.group(2) : "";
    }

    @Override
    public void close() {
    }

    private static byte[] derive(Digest digest, String password, String salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest);
        generator.init(password.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), iterations);
        return ((KeyParameter) generator.generateDerivedParameters(digest.getDigestSize() * 8)).getKey();
    }
}
