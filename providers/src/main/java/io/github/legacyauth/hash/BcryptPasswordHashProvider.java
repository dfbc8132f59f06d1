package io.github.legacyauth.hash;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * bcrypt as PHP's {@code password_hash}, OpenBSD and most web frameworks store it ({@code $2y$10$…},
 * {@code $2a$}, {@code $2b$}), checked with the BouncyCastle the server ships. Imported users keep their
 * password; Keycloak re-hashes it to the realm's policy (Argon2id by default) at the first success, so
 * the bcrypt hash leaves the database with that login.
 *
 * <p>Import: a password credential with {@code credentialData} {@code {"algorithm":"bcrypt","hashIterations":-1}}
 * and {@code secretData} {@code {"value":"$2y$10$…","salt":""}}. As in PHP and OpenBSD, only the first 72
 * bytes of the password (UTF-8) count.
 */
public final class BcryptPasswordHashProvider implements PasswordHashProvider {

    public static final String ID = "bcrypt";
    static final int DEFAULT_COST = 10;
    /** bcrypt reads at most this many bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** The highest cost checked (about 2.5 s a check here; PHP's default is 10): a higher one never verifies. */
    static final int MAX_COST = 15;
    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        int wanted = policy == null || policy.getHashIterations() <= 0 ? DEFAULT_COST : policy.getHashIterations();
        return ID.equals(credential.getPasswordCredentialData().getAlgorithm())
                && cost(credential.getPasswordSecretData().getValue()) == wanted;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        int cost = iterations <= 0 ? DEFAULT_COST : Math.max(4, Math.min(31, iterations));
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2y", truncated(rawPassword), salt, cost);
        return PasswordCredentialModel.createFromValues(ID, new byte[0], cost, hash);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        String hash = credential.getPasswordSecretData().getValue();
        if (rawPassword == null || cost(hash) < 0 || cost(hash) > MAX_COST) {
            return false;
        }
        return HashBudget.check(ID, 0, () -> OpenBSDBCrypt.checkPassword(hash, truncated(rawPassword)));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        return String.valueOf(cost(credential.getPasswordSecretData().getValue()));
    }

    @Override
    public void close() {
    }

    /** The cost of a bcrypt hash ({@code $2y$10$…}: 10); -1 when it is not one. */
    static int cost(String hash) {
        return hash != null && HASH.matcher(hash).matches() ? Integer.parseInt(hash.substring(4, 6)) : -1;
    }

    /** The password's UTF-8 bytes, at most the 72 that bcrypt reads. */
    static byte[] truncated(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= MAX_PASSWORD_BYTES ? bytes : Arrays.copyOf(bytes, MAX_PASSWORD_BYTES);
    }
}
