package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * otto has a password and an OTP. Keycloak's own login asks for both; a legacy password scheme would let
 * the password alone in. Users with a second factor use access keys instead, and the refusal reads like
 * any wrong password.
 */
class SecondFactorUserPasswordAloneIT extends AttackRealmTest {

    @Test
    void ottosPasswordAloneOpensNoLegacyDoor() throws Exception {
        HttpResponse<String> keycloaksOwn = Http.send(Http.request(attack.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=account-cli&username=otto"
                        + "&password=otto-Attack-1")));
        assertThat(keycloaksOwn.statusCode()).as("Keycloak's own grant wants the OTP").isIn(400, 401);
        assertThat(keycloaksOwn.body()).doesNotContain("access_token");

        HttpResponse<String> wrongPassword = attack.verify("Authorization", Http.basic("erin", "not-erins-password"));
        HttpResponse<String> basic = attack.verify("Authorization", Http.basic("otto", "otto-Attack-1"));
        HttpResponse<String> header = attack.verify("X-API-Auth", Http.b64("otto:otto-Attack-1"));
        HttpResponse<String> bearer = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("otto", "otto-Attack-1")).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> tokens = Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"otto\",\"password\":\"otto-Attack-1\"}")));
        HttpResponse<String> cookie = Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"otto\",\"password\":\"otto-Attack-1\"}")));
        HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("otto:otto-Attack-1"), null);

        assertThat(List.of(basic, header, bearer, tokens, cookie, grant)).allSatisfy(response ->
                assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(401));
        assertThat(basic.body()).isEqualTo(wrongPassword.body());
        assertThat(basic.headers().allValues("WWW-Authenticate")).isEqualTo(wrongPassword.headers().allValues("WWW-Authenticate"));
        assertThat(bearer.body() + tokens.body() + cookie.body() + grant.body()).doesNotContain("Bearer \"")
                .doesNotContain("access_token").doesNotContain("\"token\"");
        assertThat(attack.loginErrors(attack.userId("otto")).get(0).getError()).isEqualTo("legacy_second_factor_user");
    }

    @Test
    void ottoUsesAnAccessKey() throws Exception {
        String key = attack.createKey("otto", "{\"description\":\"otto's script\"}");

        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        assertThat(attack.verify("Authorization", Http.basic("otto", key)).statusCode()).isEqualTo(200);
    }

    @Test
    void theRealmMayLetThemUseTheirPassword() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("passwordSchemesForSecondFactorUsers", "true"));
        try {
            assertThat(attack.verify("Authorization", Http.basic("otto", "otto-Attack-1")).statusCode()).isEqualTo(200);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("passwordSchemesForSecondFactorUsers", "false"));
        }
        assertThat(attack.verify("Authorization", Http.basic("otto", "otto-Attack-1")).statusCode()).isEqualTo(401);
    }

    /**
     * The admin makes the browser flow's second factor required for everyone: from then on nobody's password
     * alone opens a legacy door, and the sessions a password opened before end at their next use.
     */
    @Test
    void aBrowserFlowThatAsksEveryoneEndsPasswordSessions() throws Exception {
        HttpResponse<String> pair = Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"password\":\"erin-Attack-1\"}")));
        assertThat(pair.statusCode()).as(pair.body()).isEqualTo(200);
        var body = AttackRealm.json(pair);
        String[] tokenPair = {"X-Auth-Token", body.get("token").asText(), "X-Auth-UserId", body.get("user_id").asText()};
        assertThat(attack.verify(tokenPair).statusCode()).isEqualTo(200);

        AuthenticationExecutionInfoRepresentation twoFactor = secondFactorStep();
        String before = twoFactor.getRequirement();
        twoFactor.setRequirement("REQUIRED");
        attack.realm().flows().updateExecutions("browser", twoFactor);
        try {
            assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-1")).statusCode()).isEqualTo(401);
            assertThat(attack.verify(tokenPair).statusCode()).isEqualTo(401);
        } finally {
            twoFactor.setRequirement(before);
            attack.realm().flows().updateExecutions("browser", twoFactor);
        }
        assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-1")).statusCode()).isEqualTo(200);
    }

    /** The browser flow's conditional second-factor subflow ("Browser - Conditional 2FA" or "... OTP"). */
    static AuthenticationExecutionInfoRepresentation secondFactorStep() {
        return attack.realm().flows().getExecutions("browser").stream()
                .filter(execution -> execution.getAuthenticationFlow() != null && execution.getAuthenticationFlow()
                        && "CONDITIONAL".equals(execution.getRequirement()) && execution.getDisplayName() != null
                        && (execution.getDisplayName().contains("2FA") || execution.getDisplayName().contains("OTP")))
                .findFirst().orElseThrow();
    }
}
