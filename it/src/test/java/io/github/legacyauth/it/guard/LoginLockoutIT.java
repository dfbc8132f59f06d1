package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.resource.RealmResource;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/**
 * Every way in that takes a password (Basic, the custom header, Tuleap's /tokens, Zettelstore's /a,
 * ZaneOps' /auth/login) is under the realm's brute-force detection: after the realm's failure factor
 * (3) the right password is refused too, and the lock is lifted after the realm's wait (3 s).
 */
@ExtendWith(RealKeycloak.class)
class LoginLockoutIT {

    static final String REALM = "guard-it";
    static final long WAIT_MILLIS = 3000;

    static KeycloakServer server;
    static RealmResource realm;

    /** A way in: its user, and the status a login with some password gets. */
    record Way(String name, String user, int success, BiFunction<String, String, Integer> login) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/guard-it.json");
        realm = server.admin().realm(REALM);
    }

    static Stream<Way> ways() {
        return Stream.of(
                new Way("HTTP Basic on /verify", "basic-user", 200, (user, password) -> Http.get(verify(),
                        "Authorization", Http.basic(user, password)).statusCode()),
                new Way("custom header on /verify", "header-user", 200, (user, password) -> Http.get(verify(),
                        "X-API-Auth", Http.b64(user + ":" + password)).statusCode()),
                new Way("POST /tokens", "tokens-user", 200, (user, password) -> json("/tokens", user, password)),
                new Way("POST /a", "a-user", 200, (user, password) -> Http.send(Http.request(url("/a"))
                        .header("Authorization", Http.basic(user, password)).POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode()),
                new Way("POST /auth/login", "login-user", 201, (user, password) -> json("/auth/login", user, password)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void theRealmsLockoutAppliesAndIsLiftedAfterItsWait(Way way) throws Exception {
        String userId = Realms.user(realm, way.user()).getId();
        String right = way.user() + "-Guard-1";
        for (int i = 1; i <= 3; i++) {
            assertThat(way.login().apply(way.user(), "wrong-" + i)).as("wrong password " + i).isEqualTo(401);
            Realms.awaitLoginFailures(realm, userId, i);
        }
        long lockedAt = System.nanoTime();

        assertThat(way.login().apply(way.user(), right)).as("the right password while locked").isEqualTo(401);
        assertThat(realm.attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", true);

        Thread.sleep(Math.max(0, WAIT_MILLIS + 500 - (System.nanoTime() - lockedAt) / 1_000_000));
        assertThat(realm.attackDetection().bruteForceUserStatus(userId)).containsEntry("disabled", false);
        assertThat(way.login().apply(way.user(), right)).as("the right password after the wait").isEqualTo(way.success());
    }

    static String url(String path) {
        return server.legacyAuthUrl(REALM) + path;
    }

    static String verify() {
        return url("/verify");
    }

    static int json(String path, String user, String password) {
        return Http.send(Http.request(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")))
                .statusCode();
    }
}
