package io.github.legacyauth.it.basic;

import static io.github.legacyauth.it.harness.Http.b64;
import static io.github.legacyauth.it.harness.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * Keycloak's brute-force detection (failure factor 3) applied to legacy logins exactly as to a browser
 * login, while parallel requests with the right credential all pass.
 */
@ExtendWith(RealKeycloak.class)
class LockoutIT {

    static final String REALM = "lockout-it";
    static KeycloakServer server;
    static RealmResource realm;
    static String verify;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/lockout-it.json");
        realm = server.admin().realm(REALM);
        verify = server.legacyAuthUrl(REALM) + "/verify";
    }

    @Test
    @Smoke
    void wrongPasswordsLockTheUserForEveryLoginUntilAnAdminUnlocks() throws Exception {
        String daveId = Realms.user(realm, "dave").getId();
        for (int i = 1; i <= 3; i++) {
            assertThat(Http.get(verify, "Authorization", basic("dave", "wrong-" + i)).statusCode()).isEqualTo(401);
            awaitFailures(daveId, i);
        }

        HttpResponse<String> locked = Http.get(verify, "Authorization", basic("dave", "dave-Lockout-1"));
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.body()).isEqualTo(BasicVerifyIT.UNAUTHORIZED_BODY);
        assertThat(locked.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"lockout-it\"");
        assertThat(bruteForceStatus(daveId)).containsEntry("disabled", true);
        // the same lock holds for Keycloak's own password grant (400 from Keycloak 26.7, 401 before)
        HttpResponse<String> grant = passwordGrant("dave", "dave-Lockout-1");
        assertThat(grant.statusCode()).isIn(400, 401);
        assertThat(grant.body()).doesNotContain("access_token");
        List<EventRepresentation> errors = realm.getEvents(List.of("LOGIN_ERROR"), null, daveId, null, null, null, 0, 20);
        assertThat(errors).anySatisfy(event -> {
            assertThat(event.getError()).isEqualTo("user_temporarily_disabled");
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "basic");
        });

        realm.attackDetection().clearBruteForceForUser(daveId);

        assertThat(Http.get(verify, "Authorization", basic("dave", "dave-Lockout-1")).statusCode()).isEqualTo(200);
    }

    @Test
    void customHeaderFailuresCountToo() throws Exception {
        String frankId = Realms.user(realm, "frank").getId();
        for (int i = 1; i <= 3; i++) {
            assertThat(Http.get(verify, "X-API-Auth", b64("frank:wrong-" + i)).statusCode()).isEqualTo(401);
            awaitFailures(frankId, i);
        }
        assertThat(Http.get(verify, "X-API-Auth", b64("frank:frank-Lockout-1")).statusCode()).isEqualTo(401);
        assertThat(bruteForceStatus(frankId)).containsEntry("disabled", true);
        realm.attackDetection().clearBruteForceForUser(frankId);
    }

    @Test
    void aSuccessResetsTheFailureCount() throws Exception {
        String erinId = Realms.user(realm, "erin").getId();
        for (int i = 1; i <= 2; i++) {
            Http.get(verify, "Authorization", basic("erin", "wrong-" + i));
            awaitFailures(erinId, i);
        }
        assertThat(Http.get(verify, "Authorization", basic("erin", "erin-Lockout-1")).statusCode()).isEqualTo(200);
        awaitFailures(erinId, 0);
        Http.get(verify, "Authorization", basic("erin", "wrong-3"));
        awaitFailures(erinId, 1);
        assertThat(Http.get(verify, "Authorization", basic("erin", "erin-Lockout-1")).statusCode()).isEqualTo(200);
    }

    /** Legacy clients send every request with the same credential, many at once: all must pass. */
    @Test
    void parallelRequestsWithTheRightPasswordAllPass() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String header = i % 2 == 0 ? "Authorization" : "X-API-Auth";
                String value = i % 2 == 0 ? basic("erin", "erin-Lockout-1") : b64("erin:erin-Lockout-1");
                calls.add(() -> Http.get(verify, header, value).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).hasSize(32).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void noPasswordReachedTheLog() {
        assertThat(server.log()).contains("lockout-it")
                .doesNotContain("dave-Lockout-1", "erin-Lockout-1", "frank-Lockout-1", b64("erin:erin-Lockout-1"));
    }

    private static HttpResponse<String> passwordGrant(String username, String password) {
        String form = "grant_type=password&client_id=legacy-cli&username=" + username + "&password=" + password;
        return Http.send(Http.request(server.realmUrl(REALM) + "/protocol/openid-connect/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static Map<String, Object> bruteForceStatus(String userId) {
        return realm.attackDetection().bruteForceUserStatus(userId);
    }

    private static void awaitFailures(String userId, int expected) throws InterruptedException {
        Realms.awaitLoginFailures(realm, userId, expected);
    }
}
