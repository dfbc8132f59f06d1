package io.github.legacyauth.it.issued;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;

/** Token pairs and session cookies are Keycloak offline sessions in the database: a restart keeps them. */
@ExtendWith(RealKeycloak.class)
class IssuedSessionsRestartIT {

    @Test
    void tokenPairsAndSessionCookiesStillWorkAfterARestart(KeycloakServer server) throws Exception {
        server.importRealm("realms/issued-it.json");
        String base = server.legacyAuthUrl("issued-it");
        JsonNode pair = TokenPairIT.JSON.readTree(Http.send(Http.request(base + "/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TokenPairIT.SEED_LOGIN))).body());
        String token = pair.get("token").asText();
        String userId = pair.get("user_id").asText();
        HttpResponse<String> login = Http.send(Http.request(base + "/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SessionCookieIT.SEED_LOGIN)));
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String sessionId = setCookie.substring("sessionid=".length(), setCookie.indexOf(';'));
        String ended = TokenPairIT.JSON.readTree(Http.send(Http.request(base + "/tokens")
                .POST(HttpRequest.BodyPublishers.ofString(TokenPairIT.SEED_LOGIN))).body()).get("token").asText();
        assertThat(Http.send(Http.request(base + "/tokens/" + ended).DELETE()).statusCode()).isEqualTo(204);

        server.restart();

        HttpResponse<String> verified = Http.get(base + "/verify", "X-Auth-Token", token, "X-Auth-UserId", userId);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.headers().firstValue("X-Auth-Username")).hasValue("john_doe");
        HttpResponse<String> me = Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"fredkiss3\"");
        String csrf = "0123456789abcdefABCDEF0123456789";
        assertThat(Http.send(Http.request(base + "/verify").header("Cookie", "sessionid=" + sessionId + "; csrftoken=" + csrf)
                .header("X-CSRFToken", csrf).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/verify", "X-Auth-Token", ended, "X-Auth-UserId", userId).statusCode())
                .as("a token ended before the restart stays ended").isEqualTo(401);
    }
}
