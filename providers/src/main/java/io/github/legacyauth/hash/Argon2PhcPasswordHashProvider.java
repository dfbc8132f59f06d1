package io.github.legacyauth.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Argon2 in the PHC string format that PHP's {@code password_hash(…, PASSWORD_ARGON2ID)}, libsodium and the
 * reference implementation store ({@code $argon2id$v=19$m=65536,t=10,p=1$<salt>$<hash>}; also
 * {@code argon2i} and {@code argon2d}), checked with the server's BouncyCastle. Import: {@code credentialData}
 * {@code {"algorithm":"argon2-phc","hashIterations":-1}}, {@code secretData} {@code {"value":"$argon2id$…","salt":""}};
 * Keycloak re-hashes to the realm's policy at the first success.
 */
public final class Argon2PhcPasswordHashProvider implements PasswordHashProvider {

    public static final String ID = "argon2-phc";
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(id|i|d)\\$(?:v=(16|19)\\$)?m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{6,})");
    // parameters an imported hash may ask for: enough for every real deployment, not for an exhausted server
    /** 256 MiB, and never more than the server's budget for legacy hashes ({@link HashBudget}). */
    static final int MAX_MEMORY_KB = 1 << 18;
    static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 64;
    private static final int MAX_HASH_BYTES = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Phc(int type, int version, int memoryKb, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Phc parse(String value) {
            Matcher m = value == null ? null : PHC.matcher(value);
            if (m == null || !m.matches()) {
                return null;
            }
            int type = switch (m.group(1)) {
                case "id" -> Argon2Parameters.ARGON2_id;
                case "i" -> Argon2Parameters.ARGON2_i;
                default -> Argon2Parameters.ARGON2_d;
            };
            int version = "16".equals(m.group(2)) ? Argon2Parameters.ARGON2_VERSION_10 : Argon2Parameters.ARGON2_VERSION_13;
            int memory = Integer.parseInt(m.group(3));
            int iterations = Integer.parseInt(m.group(4));
            int parallelism = Integer.parseInt(m.group(5));
            byte[] salt;
            byte[] hash;
            try {
                salt = Base64.getDecoder().decode(m.group(6));
                hash = Base64.getDecoder().decode(m.group(7));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (memory < 8 * parallelism || memory > MAX_MEMORY_KB || iterations < 1 || iterations > MAX_ITERATIONS
                    || parallelism < 1 || parallelism > MAX_PARALLELISM || salt.length < 8 || hash.length < 4
                    || hash.length > MAX_HASH_BYTES) {
                return null;
            }
            return new Phc(type, version, memory, iterations, parallelism, salt, hash);
        }

        byte[] derive(String password) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKb)
                    .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
            byte[] out = new byte[hash.length];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        }
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        Phc phc = Phc.parse(credential.getPasswordSecretData().getValue());
        int wanted = policy == null || policy.getHashIterations() <= 0 ? 2 : policy.getHashIterations();
        return ID.equals(credential.getPasswordCredentialData().getAlgorithm()) && phc != null
                && phc.type() == Argon2Parameters.ARGON2_id && phc.iterations() == wanted;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        int t = iterations <= 0 ? 2 : Math.min(iterations, MAX_ITERATIONS);
        // OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane
        Phc phc = new Phc(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, 19_456, t, 1, salt, new byte[32]);
        byte[] hash = phc.derive(rawPassword);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String value = "$argon2id$v=19$m=19456,t=" + t + ",p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        return PasswordCredentialModel.createFromValues(ID, new byte[0], t, value);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        Phc phc = Phc.parse(credential.getPasswordSecretData().getValue());
        return rawPassword != null && phc != null && HashBudget.check(ID, phc.memoryKb(),
                () -> MessageDigest.isEqual(phc.derive(rawPassword), phc.hash()));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        Phc phc = Phc.parse(credential.getPasswordSecretData().getValue());
        return phc == null ? "" : "m=" + phc.memoryKb() + ",t=" + phc.iterations() + ",p=" + phc.parallelism();
    }

    @Override
    public void close() {
    }
}
