package io.github.legacyauth.it.issued;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * Someone learned erin's password and took a token pair, a session cookie and a bearer with it. An admin
 * resets her password: what the old password opened ends with it (as Django ends sessions on a password
 * change); the new password works at once.
 */
class PasswordChangeEndsIssuedSessionsIT extends AttackRealmTest {

    @Test
    void aPasswordResetEndsTheTokenPairsCookiesAndBearersOfTheOldPassword() throws Exception {
        String login = "{\"username\":\"erin\",\"password\":\"erin-Attack-1\"}";
        String pair = AttackRealm.json(Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login)))).get("token").asText();
        String cookie = Http.setCookie(Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login))), "sessionid");
        String bearer = Http.send(Http.request(attack.url("/a")).header("Authorization", Http.basic("erin", "erin-Attack-1"))
                .POST(HttpRequest.BodyPublishers.noBody())).body().split("\"")[3];
        String erin = attack.userId("erin");
        Map<String, String[]> ways = Map.of(
                "token pair", new String[] {"X-Auth-Token", pair, "X-Auth-UserId", erin},
                "session cookie", new String[] {"Cookie", "sessionid=" + cookie},
                "bearer from /a", new String[] {"Authorization", "Bearer " + bearer});
        ways.forEach((way, headers) -> assertThat(attack.verify(headers).statusCode()).as(way).isEqualTo(200));

        attack.resetPassword("erin", "erin-Attack-2");

        ways.forEach((way, headers) -> assertThat(attack.verify(headers).statusCode()).as(way + " after the reset")
                .isEqualTo(401));
        assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-2")).statusCode()).isEqualTo(200);
    }

    /**
     * Sessions the old password opened try to mint a lasting credential after the change: a key from the
     * /a bearer at the account endpoint, and a refresh of the custom-header grant. Both are refused.
     */
    @Test
    void sessionsOfAnOldPasswordMintNothingAfterTheChange() throws Exception {
        String bearer = Http.send(Http.request(attack.url("/a")).header("Authorization", Http.basic("timing", "timing-Attack-1"))
                .POST(HttpRequest.BodyPublishers.noBody())).body().split("\"")[3];
        var grant = AttackRealm.json(attack.grant("legacy-gateway", "gateway-secret", "X-API-Auth",
                Http.b64("timing:timing-Attack-1"), null));
        assertThat(attack.refresh("legacy-gateway", "gateway-secret", grant.get("refresh_token").asText()).statusCode())
                .isEqualTo(200);

        attack.resetPassword("timing", "timing-Attack-2");

        var minted = Http.send(Http.request(attack.url("/account/access-keys"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"after the change\"}")));
        var refreshed = attack.refresh("legacy-gateway", "gateway-secret", grant.get("refresh_token").asText());

        assertThat(minted.statusCode()).as(minted.body()).isIn(401, 403);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
    }
}
