package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

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

    @Test
    void parallelRightPasswordsAllPass() throws Exception {
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> attack.verify("Authorization", Http.basic("timing", "timing-Attack-1")));
        }

        assertThat(AttackRealm.inParallel(calls)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
    }
}
