package io.github.legacyauth.it.passwordcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * The verified-password cache on (60 s): a password that verified passes again without a hash (Keycloak's
 * own counter of password hashes, {@code keycloak_credentials_password_hashing_validations_total}, shows
 * it), parallel requests with a new password cost one hash, and everything that should end a password
 * applies to the very next request, though the password was cached: a change by an admin (reset, user
 * update) or by the user in the account console, removal of the credential, a re-hash, disabling,
 * deletion, a required action, a role taken away, a lockout. Wrong passwords still count.
 */
class CachedPasswordIT extends AttackRealmTest {

    @BeforeAll
    static void configure() {
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
    }

    @AfterEach
    void unlock() {
        attack.realm().attackDetection().clearAllBruteForce();
    }

    @Test
    void parallelRequestsWithACachedPasswordAllPass() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> attack.verify("Authorization", Http.basic("timing", "timing-Attack-1")).statusCode());
        }

        assertThat(AttackRealm.inParallel(calls)).containsOnly(200);
        long before = attack.passwordHashes();
        assertThat(AttackRealm.inParallel(calls)).containsOnly(200);
        assertThat(attack.passwordHashes() - before).as("hashes for 8 requests with a cached password").isZero();
    }

    /**
     * Eight requests at once with a password not yet cached: one real check, the other seven wait for it
     * and find its success in the cache — with brute-force detection on (all pass, though Keycloak's own
     * flows refuse parallel logins of one user) and off.
     */
    @Test
    void eightParallelRequestsWithANewPasswordCostOneHash() throws Exception {
        RealmRepresentation realm = attack.realm().toRepresentation();
        try {
            for (boolean bruteForce : new boolean[] {true, false}) {
                realm.setBruteForceProtected(bruteForce);
                attack.realm().update(realm);
                String password = "timing-Fresh-" + bruteForce;
                attack.resetPassword("timing", password);
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> basic("timing", password));
                }
                long before = attack.passwordHashes();

                List<Integer> statuses = AttackRealm.inParallel(calls);

                long spent = attack.passwordHashes() - before;
                System.out.printf("8 parallel requests with a new password, brute-force detection %s: %d hash(es)%n",
                        bruteForce ? "on" : "off", spent);
                assertThat(statuses).containsOnly(200);
                assertThat(spent).as("hashes, brute-force detection " + bruteForce).isEqualTo(1);
            }
        } finally {
            realm.setBruteForceProtected(true);
            attack.realm().update(realm);
            attack.resetPassword("timing", "timing-Attack-1");
        }
    }

    /**
     * With the cache off, requests waiting for a user's check share its success, and only they: eight at
     * once with brute-force detection on cost one hash or two (a request may arrive after the first check
     * ended), all pass, and nothing is kept: the next request hashes again.
     */
    @Test
    void withTheCacheOffParallelRequestsShareTheCheckInFlightOnly() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> basic("timing", "timing-Attack-1"));
            }
            long before = attack.passwordHashes();

            List<Integer> statuses = AttackRealm.inParallel(calls);

            long spent = attack.passwordHashes() - before;
            System.out.printf("8 parallel requests, password cache off, brute-force detection on: %d hash(es)%n", spent);
            assertThat(statuses).containsOnly(200);
            assertThat(spent).isBetween(1L, 3L);
            before = attack.passwordHashes();
            assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
            assertThat(attack.passwordHashes() - before).as("a request after them hashes again").isEqualTo(1);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
        }
    }

    @Test
    void aPasswordResetEndsTheCachedPasswordAtOnce() {
        cache("erin", "erin-Attack-1");

        attack.resetPassword("erin", "erin-Attack-3");

        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(401);
        assertThat(basic("erin", "erin-Attack-3")).isEqualTo(200);
        attack.resetPassword("erin", "erin-Attack-1");
        assertThat(basic("erin", "erin-Attack-3")).isEqualTo(401);
    }

    /** The admin console's user form can carry a password too ({@code PUT /users/{id}} with credentials). */
    @Test
    void aPasswordSetByAnAdminsUserUpdateEndsTheCachedPasswordAtOnce() {
        cache("erin", "erin-Attack-1");
        var user = attack.realm().users().get(attack.userId("erin"));
        UserRepresentation representation = user.toRepresentation();
        representation.setCredentials(List.of(password("erin-Attack-4")));

        user.update(representation);

        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(401);
        assertThat(basic("erin", "erin-Attack-4")).isEqualTo(200);
        attack.resetPassword("erin", "erin-Attack-1");
    }

    @Test
    void aPasswordTheUserChangesInTheAccountConsoleEndsTheCachedPasswordAtOnce() throws Exception {
        cache("erin", "erin-Attack-1");

        attack.changePasswordAsUser("erin", "erin-Attack-1", "erin-Attack-5");

        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(401);
        assertThat(basic("erin", "erin-Attack-5")).isEqualTo(200);
        attack.resetPassword("erin", "erin-Attack-1");
    }

    @Test
    void removingThePasswordCredentialEndsTheCachedPasswordAtOnce() {
        cache("erin", "erin-Attack-1");
        var user = attack.realm().users().get(attack.userId("erin"));
        String credentialId = user.credentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst().orElseThrow().getId();

        user.removeCredential(credentialId);

        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(401);
        attack.resetPassword("erin", "erin-Attack-1");
        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(200);
    }

    @Test
    void deletingTheUserEndsTheCachedPasswordAtOnce() {
        UserRepresentation doomed = new UserRepresentation();
        doomed.setUsername("doomed");
        doomed.setEmail("doomed@attack.test");
        doomed.setFirstName("Doomed");
        doomed.setLastName("User"); // a complete profile: Keycloak's login asks nothing more of them
        doomed.setEnabled(true);
        doomed.setCredentials(List.of(password("doomed-Attack-1")));
        try (var created = attack.realm().users().create(doomed)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String id = attack.userId("doomed");
        attack.realm().users().get(id).roles().realmLevel()
                .add(List.of(attack.realm().roles().get("api-access").toRepresentation()));
        cache("doomed", "doomed-Attack-1");

        try (var deleted = attack.realm().users().delete(id)) {
            assertThat(deleted.getStatus()).isEqualTo(204);
        }

        assertThat(basic("doomed", "doomed-Attack-1")).isEqualTo(401);
    }

    @Test
    void aRequiredActionAddedEndsTheCachedPasswordAtOnce() {
        cache("erin", "erin-Attack-1");
        var user = attack.realm().users().get(attack.userId("erin"));
        UserRepresentation representation = user.toRepresentation();
        representation.setRequiredActions(List.of("CONFIGURE_TOTP"));
        user.update(representation);

        assertThat(basic("erin", "erin-Attack-1")).as("a required action pending").isEqualTo(403);

        representation.setRequiredActions(List.of());
        user.update(representation);
        assertThat(basic("erin", "erin-Attack-1")).isEqualTo(200);
    }

    /**
     * A cached password is not a way around Keycloak's re-hash to a new realm policy: a credential due for
     * one is checked for real (and re-hashed) at the next request, and the re-hashed credential is a new
     * one for the cache.
     */
    @Test
    void aPolicyChangeStillReHashesACachedPassword() {
        cache("erin", "erin-Attack-1");
        RealmRepresentation realm = attack.realm().toRepresentation();
        String policy = realm.getPasswordPolicy();
        realm.setPasswordPolicy("hashAlgorithm(pbkdf2-sha512)");
        attack.realm().update(realm);
        try {
            long before = attack.passwordHashes();
            assertThat(basic("erin", "erin-Attack-1")).isEqualTo(200);
            assertThat(attack.passwordHashes() - before).as("the check that re-hashes").isEqualTo(1);
            assertThat(attack.realm().users().get(attack.userId("erin")).credentials().stream()
                    .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst().orElseThrow()
                    .getCredentialData()).contains("\"algorithm\":\"pbkdf2-sha512\"");
            cache("erin", "erin-Attack-1");
        } finally {
            realm.setPasswordPolicy(policy == null ? "" : policy);
            attack.realm().update(realm);
        }
    }

    @Test
    void disablingOrTakingARoleAwayAppliesToACachedPasswordAtOnce() {
        cache("timing", "timing-Attack-1");
        var user = attack.realm().users().get(attack.userId("timing"));
        UserRepresentation representation = user.toRepresentation();
        representation.setEnabled(false);
        user.update(representation);
        assertThat(basic("timing", "timing-Attack-1")).as("disabled").isEqualTo(401);
        representation.setEnabled(true);
        user.update(representation);
        assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);

        RoleRepresentation apiAccess = attack.realm().roles().get("api-access").toRepresentation();
        user.roles().realmLevel().remove(List.of(apiAccess));
        assertThat(basic("timing", "timing-Attack-1")).as("without API access").isEqualTo(403);
        user.roles().realmLevel().add(List.of(apiAccess));
        assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);

        RoleRepresentation viewer = attack.realm().roles().get("viewer").toRepresentation();
        assertThat(roles("timing", "timing-Attack-1")).contains("viewer");
        user.roles().realmLevel().remove(List.of(viewer));
        try {
            assertThat(roles("timing", "timing-Attack-1")).as("roles after viewer was taken away")
                    .doesNotContain("viewer").contains("api-access");
        } finally {
            user.roles().realmLevel().add(List.of(viewer));
        }
    }

    static String roles(String username, String password) {
        HttpResponse<String> response = attack.verify("Authorization", Http.basic(username, password));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-Auth-Roles").orElse("");
    }

    @Test
    void wrongPasswordsStillCountAndTheLockoutBeatsTheCache() throws Exception {
        cache("jsonrpc@attack.test", "jsonrpc-Attack-1");
        for (int i = 1; i <= 3; i++) {
            assertThat(basic("jsonrpc@attack.test", "guess-" + i)).isEqualTo(401);
        }
        Realms.awaitLoginFailures(attack.realm(), attack.userId("jsonrpc"), 3);

        assertThat(basic("jsonrpc@attack.test", "jsonrpc-Attack-1")).as("locked, though cached").isEqualTo(401);
    }

    /**
     * A cached success does not reset the failure count (a real check does): a client polling with the
     * right password gives someone guessing beside it no more than the failure factor of tries.
     */
    @Test
    void cachedSuccessesBetweenGuessesDoNotResetTheCount() throws Exception {
        cache("erin", "erin-Attack-1");
        for (int i = 1; i <= 3; i++) {
            assertThat(basic("erin", "guess-" + i)).isEqualTo(401);
            if (i < 3) {
                assertThat(basic("erin", "erin-Attack-1")).as("cached, between guesses").isEqualTo(200);
            }
        }
        Realms.awaitLoginFailures(attack.realm(), attack.userId("erin"), 3);

        assertThat(basic("erin", "erin-Attack-1")).as("locked after three guesses").isEqualTo(401);
    }

    /** Shortening the period applies to entries made under the longer one. */
    @Test
    void aShorterPeriodAppliesToWhatIsAlreadyCached() throws Exception {
        cache("timing", "timing-Attack-1");
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "1"));
        try {
            Thread.sleep(1100);
            long before = attack.passwordHashes();
            assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
            assertThat(attack.passwordHashes() - before).as("checked again").isEqualTo(1);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
        }
    }

    /**
     * A JSON body can carry a lone surrogate, which Java's UTF-8 encoder writes as {@code ?}: such a
     * password never meets the cache entry of the password with {@code ?} in its place.
     */
    @Test
    void aPasswordThatIsNotValidUnicodeIsNeverTakenForACachedOne() {
        attack.resetPassword("erin", "erin?Attack-6");
        try {
            cache("erin", "erin?Attack-6");

            HttpResponse<String> answer = Http.send(Http.request(attack.url("/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"erin\",\"password\":\"erin\\ud800Attack-6\"}")));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        } finally {
            attack.resetPassword("erin", "erin-Attack-1");
        }
    }

    /** What the cache saves, printed (speed targets belong to the benchmark): Basic /verify, one at a time. */
    @Test
    void cachedAndUncachedPasswordsTimedSideBySide() {
        double cached = medianMillis();
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));
        try {
            double uncached = medianMillis();
            System.out.printf("Basic /verify, 40 requests one at a time, median ms: cache on %.1f; cache off %.1f%n",
                    cached, uncached);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
        }
    }

    static double medianMillis() {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            long started = System.nanoTime();
            assertThat(basic("timing", "timing-Attack-1")).isEqualTo(200);
            if (i >= 5) {
                nanos.add(System.nanoTime() - started);
            }
        }
        nanos.sort(null);
        return (nanos.get(19) + nanos.get(20)) / 2e6;
    }

    @Test
    void thePeriodIsBounded() {
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "3601")))
                .hasMessageContaining("400");
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "-1")))
                .hasMessageContaining("400");
    }

    /** Two requests with the password: the second must pass without a hash, so the password is cached. */
    static void cache(String username, String password) {
        assertThat(basic(username, password)).isEqualTo(200);
        long before = attack.passwordHashes();
        assertThat(basic(username, password)).isEqualTo(200);
        assertThat(attack.passwordHashes() - before).as("hashes for a cached password").isZero();
    }

    static CredentialRepresentation password(String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        return password;
    }

    static int basic(String username, String password) {
        HttpResponse<String> response = attack.verify("Authorization", Http.basic(username, password));
        return response.statusCode();
    }
}
