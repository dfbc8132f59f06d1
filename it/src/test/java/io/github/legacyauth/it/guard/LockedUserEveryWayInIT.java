package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * erin holds a key, a token pair, a session cookie and a bearer from /a. Someone guesses her password
 * until Keycloak locks her out: while the lockout lasts, none of her credentials passes, on any scheme;
 * once an admin lifts it, all of them work again.
 */
class LockedUserEveryWayInIT extends AttackRealmTest {

    @Test
    void aLockoutEndsEveryWayInUntilItIsLifted() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"script\"}");
        String pair = AttackRealm.json(Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"password\":\"erin-Attack-1\"}"))))
                .get("token").asText();
        String cookie = Http.setCookie(Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"password\":\"erin-Attack-1\"}"))), "sessionid");
        String bearer = Http.send(Http.request(attack.url("/a")).header("Authorization", Http.basic("erin", "erin-Attack-1"))
                .POST(HttpRequest.BodyPublishers.noBody())).body().split("\"")[3];
        String erin = attack.userId("erin");
        Map<String, String[]> ways = Map.of(
                "access key", new String[] {"X-Auth-AccessKey", key},
                "user:key in Basic", new String[] {"Authorization", Http.basic("erin", key)},
                "token pair", new String[] {"X-Auth-Token", pair, "X-Auth-UserId", erin},
                "session cookie", new String[] {"Cookie", "sessionid=" + cookie},
                "bearer from /a", new String[] {"Authorization", "Bearer " + bearer});
        ways.forEach((way, headers) -> assertThat(attack.verify(headers).statusCode()).as(way).isEqualTo(200));
        assertThat(attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null).statusCode()).isEqualTo(200);

        for (int i = 1; i <= 3; i++) {
            assertThat(attack.verify("Authorization", Http.basic("erin", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        Realms.awaitLoginFailures(attack.realm(), erin, 3);

        ways.forEach((way, headers) -> assertThat(attack.verify(headers).statusCode()).as(way + " while locked").isEqualTo(401));
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(grant.statusCode()).as("key grant while locked").isEqualTo(401);
        assertThat(Http.get(attack.url("/auth/me"), "Cookie", "sessionid=" + cookie).statusCode()).isEqualTo(401);

        attack.realm().attackDetection().clearBruteForceForUser(erin);
        ways.forEach((way, headers) -> assertThat(attack.verify(headers).statusCode()).as(way + " once lifted").isEqualTo(200));
    }
}
