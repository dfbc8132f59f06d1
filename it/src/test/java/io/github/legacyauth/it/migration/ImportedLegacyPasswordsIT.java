package io.github.legacyauth.it.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * Users imported through Keycloak's own partial import with the hash the legacy application stored sign
 * in with their old password, through a legacy scheme and through Keycloak's own password grant; at that
 * first success Keycloak re-hashes the credential to the realm's policy (Argon2id), and the legacy hash is
 * gone. Hashes: PHP's {@code password_hash} bcrypt (its manual's own example, {@code rasmuslerdorf}), an
 * Argon2id PHC string as Tuleap stores it, a sha512-crypt string as Tuleap's oldest accounts have, and
 * Django's PBKDF2-SHA256 as ZaneOps stores it. A wrong
 * password against a legacy hash counts towards the lockout like any other.
 */
class ImportedLegacyPasswordsIT extends AttackRealmTest {

    static final String PHP_HASH = "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a";
    static final String PASSWORD = "rasmuslerdorf";
    static final String TULEAP_HASH = "$argon2id$v=19$m=4096,t=3,p=1$dHVsZWFwc2FsdHNhbHQxNg$sR+0Dz9FFRKeZkkm12TbNotuivBaOxSnIvZW4+53wAc";
    static final String CRYPT_HASH = "$6$rounds=5000$tuleapsalt$EuU3VFN2Aa4FDaLXkP5Oy1aFBpqgAUNU55rGsADh/choA7A.adjFF9XA6FEFSRxrqQG13NPCL4/fzAsxXir7V.";
    static final String DJANGO_HASH = "pbkdf2_sha256$1000$seasalt$0nSPHvSlWaHUm6CBeWI4mSu92QuAk+SAL64yEVtSWck=";

    @BeforeAll
    static void importLegacyUsers() {
        PartialImportRepresentation legacy = new PartialImportRepresentation();
        legacy.setUsers(List.of(bcryptUser("php-basic"), bcryptUser("php-grant"), bcryptUser("php-guessed"),
                bcryptUser("php-timed"),
                legacyUser("tuleap-user", "argon2-phc", TULEAP_HASH), legacyUser("zaneops-user", "django-pbkdf2", DJANGO_HASH),
                legacyUser("tuleap-old", "crypt", CRYPT_HASH)));
        legacy.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
        try (var imported = attack.realm().partialImport(legacy)) {
            assertThat(imported.getStatus()).isEqualTo(200);
        }
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));
    }

    @Test
    void theOldPasswordPassesBasicAndTheHashIsUpgradedToTheRealmsPolicy() {
        assertThat(algorithm("php-basic")).isEqualTo("bcrypt");

        assertThat(basic("php-basic", PASSWORD)).isEqualTo(200);

        assertThat(algorithm("php-basic")).isEqualTo("argon2");
        assertThat(basic("php-basic", PASSWORD)).as("after the upgrade").isEqualTo(200);
        assertThat(basic("php-basic", PASSWORD + "!")).isEqualTo(401);
    }

    @Test
    void argon2PhcDjangoAndShaCryptHashesPassWithTheOldPasswordAndAreUpgraded() {
        assertThat(algorithm("tuleap-user")).isEqualTo("argon2-phc");
        assertThat(basic("tuleap-user", "tuleap-pässword" + "!")).isEqualTo(401);
        assertThat(basic("tuleap-user", "tuleap-pässword")).isEqualTo(200);
        assertThat(algorithm("tuleap-user")).isEqualTo("argon2");

        assertThat(algorithm("zaneops-user")).isEqualTo("django-pbkdf2");
        assertThat(basic("zaneops-user", "django-imported-1")).isEqualTo(200);
        assertThat(algorithm("zaneops-user")).isEqualTo("argon2");
        assertThat(basic("zaneops-user", "django-imported-1")).as("after the upgrade").isEqualTo(200);

        assertThat(algorithm("tuleap-old")).isEqualTo("crypt");
        assertThat(basic("tuleap-old", "tuleap-pässword")).isEqualTo(200);
        assertThat(algorithm("tuleap-old")).isEqualTo("argon2");
    }

    @Test
    void theOldPasswordPassesKeycloaksOwnPasswordGrant() throws Exception {
        assertThat(attack.userToken("php-grant", PASSWORD)).isNotBlank();

        assertThat(algorithm("php-grant")).isEqualTo("argon2");
    }

    @Test
    void aWrongPasswordAgainstABcryptHashCountsTowardsTheLockout() throws Exception {
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(basic("php-guessed", "guess-" + i)).isEqualTo(401);
            }
            Realms.awaitLoginFailures(attack.realm(), attack.userId("php-guessed"), 3);

            assertThat(basic("php-guessed", PASSWORD)).as("locked").isEqualTo(401);
            assertThat(algorithm("php-guessed")).as("never verified, never upgraded").isEqualTo("bcrypt");
        } finally {
            attack.realm().attackDetection().clearAllBruteForce();
        }
    }

    /**
     * What a wrong password costs against a bcrypt hash (cost 10) and for a name that finds no user (one
     * hash of the realm's Argon2id), one at a time, interleaved: printed, for the README.
     */
    @Test
    void aWrongPasswordAgainstBcryptAndAnUnknownNameTimedSideBySide() {
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setBruteForceProtected(false);
        attack.realm().update(realm);
        try {
            List<Long> bcrypt = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (int i = -5; i < 40; i++) {
                long started = System.nanoTime();
                assertThat(basic("php-timed", "guess-" + i)).isEqualTo(401);
                long middle = System.nanoTime();
                assertThat(basic("nobody-at-all", "guess-" + i)).isEqualTo(401);
                if (i >= 0) {
                    bcrypt.add(middle - started);
                    unknown.add(System.nanoTime() - middle);
                }
            }
            System.out.printf(Locale.ROOT, "Wrong password, median ms: bcrypt cost 10 %.1f; unknown name (Argon2id) %.1f%n",
                    median(bcrypt), median(unknown));
        } finally {
            realm.setBruteForceProtected(true);
            attack.realm().update(realm);
        }
    }

    static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    static UserRepresentation bcryptUser(String username) {
        return legacyUser(username, "bcrypt", PHP_HASH);
    }

    static UserRepresentation legacyUser(String username, String algorithm, String hash) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@legacy.test");
        user.setFirstName("Legacy");
        user.setLastName(username);
        user.setEnabled(true);
        user.setRealmRoles(List.of("api-access"));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setCredentialData("{\"algorithm\":\"" + algorithm + "\",\"hashIterations\":-1}");
        password.setSecretData("{\"value\":\"" + hash + "\",\"salt\":\"\"}");
        user.setCredentials(List.of(password));
        return user;
    }

    static String algorithm(String username) {
        String data = attack.realm().users().get(attack.userId(username)).credentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst().orElseThrow()
                .getCredentialData();
        return data.replaceAll(".*\"algorithm\":\"([^\"]+)\".*", "$1");
    }

    static int basic(String username, String password) {
        return attack.verify("Authorization", Http.basic(username, password)).statusCode();
    }
}
