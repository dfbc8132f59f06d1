package io.github.legacyauth.it.bearer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * /a waits 2 s before it answers a login (Zettelstore's deliberately slow issuing). An attacker sends
 * more logins at once than the server has worker threads (Keycloak: 50 on two cores): the delay must
 * not hold a worker, so another realm's endpoints keep answering; and a request without any credential
 * is answered at once.
 */
class IssuingDelayHoldsNoWorkerIT extends AttackRealmTest {

    static final int DELAY_MILLIS = 2000;

    @BeforeAll
    static void configure() {
        Realms.updateSettings(attack.realm(), Map.of("bearerIssuingDelayMillis", String.valueOf(DELAY_MILLIS)));
    }

    @Test
    void requestsWithoutACredentialAreNotDelayed() {
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            int status = Http.send(Http.request(attack.url("/a")).POST(HttpRequest.BodyPublishers.noBody())).statusCode();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(status).isEqualTo(401);
            assertThat(millis).as("answered after %d ms", millis).isLessThan(DELAY_MILLIS / 2);
        }
    }

    @Test
    void moreDelayedLoginsThanWorkersDoNotStallOtherRealms() throws Exception {
        List<Callable<Long>> logins = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            // a malformed credential: an attempt (so it waits out the delay) that costs no password hash
            logins.add(() -> {
                long started = System.nanoTime();
                int status = Http.send(Http.request(attack.url("/a")).header("Authorization", "Basic !!!!")
                        .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
                assertThat(status).isEqualTo(400);
                return (System.nanoTime() - started) / 1_000_000;
            });
        }
        CompletableFuture<List<Long>> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return AttackRealm.inParallel(logins);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        List<Long> others = new ArrayList<>();
        String wellKnown = attack.server().realmUrl("master") + "/.well-known/openid-configuration";
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertThat(Http.get(wellKnown).statusCode()).isEqualTo(200);
            others.add((System.nanoTime() - started) / 1_000_000);
        }
        List<Long> delayed = flood.get();
        System.out.printf("80 delayed logins at once: each answered after %d..%d ms; master's well-known meanwhile: %s ms%n",
                delayed.stream().mapToLong(Long::longValue).min().orElseThrow(),
                delayed.stream().mapToLong(Long::longValue).max().orElseThrow(), others);

        assertThat(delayed).allSatisfy(millis -> assertThat(millis).isGreaterThanOrEqualTo(DELAY_MILLIS - 100));
        assertThat(others).allSatisfy(millis -> assertThat(millis).isLessThan(DELAY_MILLIS / 2));
    }
}
