package io.github.legacyauth.hash;

import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Zettelstore's credentials: bcrypt over {@code "<zid> <ident> <password>"}, the user zettel's id and the
 * user's ident before the password (Zettelstore's {@code cred.CompareHashAndCredential}). The stored value
 * keeps that prefix in front of the hash, {@code "20210629163300 owner $2a$10$…"}, so the credential
 * carries all it needs:
 *
 * <p>Import: {@code credentialData} {@code {"algorithm":"zettelstore-bcrypt","hashIterations":-1}} and
 * {@code secretData} {@code {"value":"<zid> <ident> <bcrypt hash>","salt":""}}, where zid and ident are as
 * in the user's zettel. Never the realm's policy: Keycloak re-hashes it at the first success. bcrypt reads
 * 72 bytes: an ident so long that fewer than {@value #MIN_PASSWORD_BYTES} bytes of the password would count
 * (more than 40 bytes) is refused, and that user resets the password.
 */
public final class ZettelstorePasswordHashProvider implements PasswordHashProvider {

    public static final String ID = "zettelstore-bcrypt";
    private static final java.util.regex.Pattern ZID = java.util.regex.Pattern.compile("\\d{14}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * bcrypt reads 72 bytes, the zid and ident come first: a value whose prefix leaves fewer than 16 bytes
     * for the password is refused (with an ident of 56 bytes or more, no byte of the password would count).
     */
    static final int MIN_PASSWORD_BYTES = 16;

    /** The parts of a stored value; null when it is not one. */
    record Stored(String zid, String ident, String hash) {

        static Stored parse(String value) {
            if (value == null || value.length() < 16) {
                return null;
            }
            int last = value.lastIndexOf(' ');
            String zid = value.substring(0, 14);
            if (value.charAt(14) != ' ' || last < 15 || !ZID.matcher(zid).matches()) {
                return null;
            }
            String ident = value.substring(15, last);
            String hash = value.substring(last + 1);
            int prefix = (zid + " " + ident + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (prefix > BcryptPasswordHashProvider.MAX_PASSWORD_BYTES - MIN_PASSWORD_BYTES
                    || BcryptPasswordHashProvider.cost(hash) < 0) {
                return null;
            }
            return new Stored(zid, ident, hash);
        }

        byte[] credential(String password) {
            return BcryptPasswordHashProvider.truncated(zid + " " + ident + " " + password);
        }
    }

    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        return false;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        // only if a realm made this its policy: a credential of its own shape, with an empty ident
        Stored stored = new Stored("00000000000000", "", null);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2a", stored.credential(rawPassword), salt,
                BcryptPasswordHashProvider.DEFAULT_COST);
        return PasswordCredentialModel.createFromValues(ID, new byte[0], BcryptPasswordHashProvider.DEFAULT_COST,
                stored.zid() + "  " + hash);
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        Stored stored = Stored.parse(credential.getPasswordSecretData().getValue());
        if (rawPassword == null || stored == null || BcryptPasswordHashProvider.cost(stored.hash()) > BcryptPasswordHashProvider.MAX_COST) {
            return false;
        }
        return HashBudget.check(ID, 0, () -> OpenBSDBCrypt.checkPassword(stored.hash(), stored.credential(rawPassword)));
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        Stored stored = Stored.parse(credential.getPasswordSecretData().getValue());
        return String.valueOf(stored == null ? -1 : BcryptPasswordHashProvider.cost(stored.hash()));
    }

    @Override
    public void close() {
    }
}
