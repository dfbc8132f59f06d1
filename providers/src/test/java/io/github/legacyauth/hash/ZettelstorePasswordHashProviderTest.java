package io.github.legacyauth.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Zettelstore's credential is bcrypt over {@code "<zid> <ident> <password>"}; the vector was made with
 * bcryptjs (a reference bcrypt) over exactly that text, {@code $2a$} as Go's bcrypt writes it.
 */
class ZettelstorePasswordHashProviderTest {

    static final String STORED = "20210629163300 owner $2a$10$p06DCgnO.atFdYwVjSVqn.hGnz.4rXInMsh0iNotQM6Es2OevnnnC";
    static final String PASSWORD = "zettel-Pässword-1";

    final ZettelstorePasswordHashProvider zettelstore = new ZettelstorePasswordHashProvider();

    @Test
    void thePasswordVerifiesWithTheZettelsIdAndIdentInFront() {
        assertThat(zettelstore.verify(PASSWORD, imported(STORED))).isTrue();
        assertThat(zettelstore.verify(PASSWORD + "x", imported(STORED))).isFalse();
        // the prefix is part of what was hashed: another zid or ident fails
        assertThat(zettelstore.verify(PASSWORD, imported(STORED.replace("20210629163300", "20210629163301")))).isFalse();
        assertThat(zettelstore.verify(PASSWORD, imported(STORED.replace(" owner ", " other ")))).isFalse();
        // the plain bcrypt of the password is not it
        assertThat(zettelstore.verify("20210629163300 owner " + PASSWORD,
                imported(STORED.substring(STORED.lastIndexOf(' ') + 1)))).isFalse();
        assertThat(zettelstore.credentialHashingStrength(imported(STORED))).isEqualTo("10");
    }

    @Test
    void malformedValuesNeverVerify() {
        for (String value : new String[] {"", "20210629163300", "2021062916330 owner $2a$10$p06DCgnO.atFdYwVjSVqn.hGnz.4rXInMsh0iNotQM6Es2OevnnnC",
                "20210629163300owner $2a$10$p06DCgnO.atFdYwVjSVqn.hGnz.4rXInMsh0iNotQM6Es2OevnnnC",
                "20210629163300 owner $2a$10$short", "20210629163300 owner"}) {
            assertThat(zettelstore.verify(PASSWORD, imported(value))).as(value).isFalse();
        }
    }

    /** With an ident of 56 bytes no byte of the password would reach bcrypt: such a value never verifies. */
    @Test
    void anIdentThatLeavesTooLittleOfThePasswordIsRefused() {
        String ident = "o".repeat(60);
        byte[] prefixOnly = ("20210629163300 " + ident + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a",
                java.util.Arrays.copyOf(prefixOnly, 72), new byte[16], 4);
        String stored = "20210629163300 " + ident + " " + hash;
        assertThat(zettelstore.verify("any password at all", imported(stored))).isFalse();
        assertThat(zettelstore.verify("realpass", imported(stored))).isFalse();
        // 40 bytes of ident leave 16 for the password: still accepted
        String fits = "i".repeat(40);
        String fitsHash = org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2a",
                ("20210629163300 " + fits + " sixteen-bytes-pw").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[16], 4);
        assertThat(zettelstore.verify("sixteen-bytes-pw", imported("20210629163300 " + fits + " " + fitsHash))).isTrue();
        assertThat(zettelstore.verify("sixteen-bytes-pX", imported("20210629163300 " + fits + " " + fitsHash))).isFalse();
    }

    @Test
    void neverTheRealmsPolicySoKeycloakReHashesAtTheFirstSuccess() {
        assertThat(zettelstore.policyCheck(null, imported(STORED))).isFalse();
        PasswordCredentialModel own = zettelstore.encodedCredential("new-password", -1);
        assertThat(zettelstore.verify("new-password", own)).isTrue();
        assertThat(zettelstore.verify("other-password", own)).isFalse();
    }

    static PasswordCredentialModel imported(String value) {
        return PasswordCredentialModel.createFromValues(ZettelstorePasswordHashProvider.ID, new byte[0], -1, value);
    }
}
