package io.github.legacyauth.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The Unix {@code crypt(3)} formats older PHP applications (Tuleap's oldest accounts) stored:
 * sha512-crypt ({@code $6$}), sha256-crypt ({@code $5$}) and md5-crypt ({@code $1$}), checked with the
 * Apache Commons Codec the server ships. Traditional DES crypt is not accepted. Import:
 * {@code credentialData} {@code {"algorithm":"crypt","hashIterations":-1}}, {@code secretData}
 * {@code {"value":"$6$…","salt":""}}; Keycloak re-hashes to the realm's policy at the first success. This
 * provider only checks: a realm cannot choose it as its policy (new passwords get sha512-crypt at the
 * default 5000 rounds, should one ask).
 */
public final class CryptPasswordHashProvider implements PasswordHashProvider {

    public static final String ID = "crypt";
    private static final Pattern CRYPT = Pattern.compile(
            "\\$(1|5|6)\\$(?:rounds=(\\d{1,9})\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{22,86}");
    /** Rounds an imported sha-crypt string may ask for: glibc's default is 5000. */
    /** 200 times the default 5,000; more never verifies (10,000,000 took 4.5 s a check here). */
    static final long MAX_ROUNDS = 1_000_000;

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        // never the realm's policy: an imported crypt string is always due for a re-hash
        return false;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        String value = Sha2Crypt.sha512Crypt(rawPassword.getBytes(StandardCharsets.UTF_8));
        return PasswordCredentialModel.createFromValues(ID, new byte[0], -1, value);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        String stored = credential.getPasswordSecretData().getValue();
        Matcher m = stored == null ? null : CRYPT.matcher(stored);
        if (rawPassword == null || m == null || !m.matches()
                || (m.group(2) != null && Long.parseLong(m.group(2)) > MAX_ROUNDS)) {
            return false;
        }
        String kind = m.group(1);
        return HashBudget.check(ID, 0, () -> matches(rawPassword.getBytes(StandardCharsets.UTF_8), stored, kind));
    }

    private static boolean matches(byte[] password, String stored, String kind) {
        String computed;
        try {
            computed = switch (kind) {
                case "6" -> Sha2Crypt.sha512Crypt(password, stored);
                case "5" -> Sha2Crypt.sha256Crypt(password, stored);
                default -> Md5Crypt.md5Crypt(password, stored);
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), stored.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        Matcher m = CRYPT.matcher(String.valueOf(credential.getPasswordSecretData().getValue()));
        if (!m.matches()) {
            return "";
        }
        return "1".equals(m.group(1)) ? "md5-crypt" : (m.group(2) == null ? "5000" : m.group(2));
    }

    @Override
    public void close() {
    }
}
