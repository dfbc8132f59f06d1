package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.ops.MetricsIT;

/**
 * 40 wrong passwords for one user sent at once: with failure factor 3, at most 3 of them may be real
 * password checks (each a LOGIN_ERROR {@code invalid_user_credentials}); the rest meet the lockout
 * ({@code user_temporarily_disabled}), and Keycloak's own counter of password hashes agrees. Parallel requests
 * with the right password all pass.
 */
class ParallelWrongPasswordsIT extends AttackRealmTest {

    @AfterEach
    void unlock() {
        attack.realm().attackDetection().clearAllBruteForce();
    }

    @Test
    void fortyParallelWrongPasswordsMakeAtMostTheFailureFactorOfRealChecks() throws Exception {
        String erin = attack.userId("erin");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String password = "wrong-" + i;
            calls.add(() -> attack.verify("Authorization", Http.basic("erin", password)).statusCode());
        }

        long hashesBefore = attack.passwordHashes();

        List<Integer> statuses = AttackRealm.inParallel(calls);

        long hashes = attack.passwordHashes() - hashesBefore;
        assertThat(statuses).containsOnly(401);
        List<EventRepresentation> errors = attack.loginErrors(erin);
        long realChecks = errors.stream().filter(e -> "invalid_user_credentials".equals(e.getError())).count();
        long locked = errors.stream().filter(e -> "user_temporarily_disabled".equals(e.getError())).count();
        System.out.printf("40 parallel wrong passwords: %d real password checks (%d hashes counted by Keycloak),"
                + " %d refused by the lockout%n", realChecks, hashes, locked);
        assertThat(realChecks).isLessThanOrEqualTo(3);
        assertThat(hashes).as("Keycloak's count of password hashes checked").isEqualTo(realChecks);
        assertThat(realChecks + locked).isEqualTo(40);
        assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-1")).statusCode()).isEqualTo(401);
    }

    /**
     * With permanent lockout and no temporary lockouts, Keycloak locks a user by disabling them in a
     * transaction of its own; requests that loaded the user before, and waited for their check behind the
     * failure that locked them, still see the user enabled. Ten wrong passwords at once: one lockout
     * (counted once), the user disabled, the failures kept.
     */
    @Test
    void aPermanentLockoutStrikesOnceAndHoldsForTheRequestsWaitingBehindIt() throws Exception {
        String dave = attack.userId("dave");
        RealmRepresentation saved = attack.realm().toRepresentation();
        permanentLockout(2);
        try {
            String before = attack.server().metrics();
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String password = "wrong-" + i;
                calls.add(() -> attack.verify("Authorization", Http.basic("dave", password)).statusCode());
            }

            assertThat(AttackRealm.inParallel(calls)).containsOnly(401);

            assertThat(attack.realm().users().get(dave).toRepresentation().isEnabled()).isFalse();
            assertThat(attack.realm().attackDetection().bruteForceUserStatus(dave).get("numFailures"))
                    .as("the failures are kept").isEqualTo(2);
            assertThat(MetricsIT.delta(before, attack.server().metrics(), "legacy_auth_lockouts_total",
                    Map.of("realm", AttackRealm.REALM, "kind", "permanent"))).isEqualTo(1);
            assertThat(attack.verify("Authorization", Http.basic("dave", "dave-Attack-1")).statusCode()).isEqualTo(401);
        } finally {
            restore(saved, dave);
        }
    }

    /**
     * What a request that waited behind the locking failure meets: a user still enabled in its view, with
     * the failure factor of failures on record under a permanent lockout. Made here without a race: the
     * failures are counted under a lenient policy, then the realm turns to permanent lockout. The right
     * password is refused and the record is not reset.
     */
    @Test
    void aUserWithTheFailureFactorOfFailuresUnderAPermanentLockoutIsRefusedThoughEnabled() throws Exception {
        String dave = attack.userId("dave");
        RealmRepresentation saved = attack.realm().toRepresentation();
        try {
            for (int i = 1; i <= 2; i++) {
                assertThat(attack.verify("Authorization", Http.basic("dave", "wrong-" + i)).statusCode()).isEqualTo(401);
            }
            Realms.awaitLoginFailures(attack.realm(), dave, 2);
            permanentLockout(2);
            assertThat(attack.realm().users().get(dave).toRepresentation().isEnabled()).isTrue();

            assertThat(attack.verify("Authorization", Http.basic("dave", "dave-Attack-1")).statusCode()).isEqualTo(401);
            assertThat(attack.realm().attackDetection().bruteForceUserStatus(dave).get("numFailures")).isEqualTo(2);
        } finally {
            restore(saved, dave);
        }
    }

    private static void permanentLockout(int failureFactor) {
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setPermanentLockout(true);
        realm.setMaxTemporaryLockouts(0);
        realm.setFailureFactor(failureFactor);
        attack.realm().update(realm);
    }

    private static void restore(RealmRepresentation saved, String userId) {
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setPermanentLockout(saved.isPermanentLockout());
        realm.setMaxTemporaryLockouts(saved.getMaxTemporaryLockouts());
        realm.setFailureFactor(saved.getFailureFactor());
        attack.realm().update(realm);
        UserRepresentation user = attack.realm().users().get(userId).toRepresentation();
        user.setEnabled(true);
        attack.realm().users().get(userId).update(user);
        attack.realm().attackDetection().clearBruteForceForUser(userId);
    }

    @Test
    void parallelRightPasswordsAllPass() throws Exception {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> attack.verify("Authorization", Http.basic("timing", "timing-Attack-1")));
        }

        assertThat(AttackRealm.inParallel(calls)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
    }
}
