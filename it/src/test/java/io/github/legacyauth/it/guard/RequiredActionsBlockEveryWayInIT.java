package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * {@code pending} has a temporary password and must still configure a one-time password. Whoever holds
 * that password tries every way in and to mint a lasting credential: each is refused until the user has
 * signed in to Keycloak and finished the required actions. A key made for them before works no more.
 */
class RequiredActionsBlockEveryWayInIT extends AttackRealmTest {

    static final String PASSWORD = "pending-Attack-1";

    @Test
    void theTemporaryPasswordOpensNothing() {
        HttpResponse<String> basic = attack.verify("Authorization", Http.basic("pending", PASSWORD));
        HttpResponse<String> header = attack.verify("X-API-Auth", Http.b64("pending:" + PASSWORD));
        HttpResponse<String> bearer = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("pending", PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> tokens = Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"pending\",\"password\":\"" + PASSWORD + "\"}")));
        HttpResponse<String> login = Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"pending\",\"password\":\"" + PASSWORD + "\"}")));
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-API-Auth",
                Http.b64("pending:" + PASSWORD), null);

        assertThat(basic.statusCode()).isEqualTo(403);
        assertThat(basic.body()).contains("not fully set up");
        assertThat(header.statusCode()).isEqualTo(403);
        assertThat(bearer.statusCode()).isEqualTo(403);
        assertThat(bearer.body()).doesNotContain("Bearer\" \"");
        assertThat(tokens.statusCode()).isEqualTo(403);
        assertThat(tokens.body()).doesNotContain("token\"");
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sessionid="));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(grant.body()).doesNotContain("access_token");
    }

    @Test
    void aKeyMadeBeforeTheRequiredActionWasSetStopsWorking() throws Exception {
        String key = attack.createKey("pending", "{\"description\":\"made by an admin\"}");

        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(403);
        assertThat(attack.verify("Authorization", Http.basic("pending", key)).statusCode()).isEqualTo(403);
    }
}
