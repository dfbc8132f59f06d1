package io.github.legacyauth.it.issued;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RawHttp;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** Tuleap's token pair (POST /api/tokens, then X-Auth-Token + X-Auth-UserId), as Tuleap's clients use it. */
@ExtendWith(RealKeycloak.class)
class TokenPairIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SEED_LOGIN = "{\"username\":\"john_doe\", \"password\":\"weakpassword\"}";

    static KeycloakServer server;
    static RealmResource realm;
    static String tokens;
    static String verify;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/issued-it.json");
        realm = server.admin().realm("issued-it");
        tokens = server.legacyAuthUrl("issued-it") + "/tokens";
        verify = server.legacyAuthUrl("issued-it") + "/verify";
    }

    @AfterEach
    void restore() {
        Realms.updateSettings(realm, Map.of("tokenPairEnabled", "true", "tokenPairLifetimeSeconds", ""));
    }

    static HttpResponse<String> post(String body) {
        return Http.send(Http.request(tokens).header("Content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode issue(String body) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> use(String token, String userId) {
        return Http.get(verify, "Content-type", "application/json", "X-Auth-Token", token, "X-Auth-UserId", userId);
    }

    /**
     * curl -XPOST --header 'Content-type: application/json' -d '{"username":"john_doe", "password":"weakpassword"}' .../api/tokens
     * curl -XGET --header 'Content-type: application/json' --header 'X-Auth-Token: abcd' --header 'X-Auth-UserId: 115' ...
     */
    @Test
    void theSeedsRequestsGiveTheSeedsAnswers() throws Exception {
        HttpResponse<String> response = post(SEED_LOGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("user_id", "token", "uri");
        String userId = Realms.user(realm, "john_doe").getId();
        String token = body.get("token").asText();
        assertThat(body.get("user_id").asText()).isEqualTo(userId);
        assertThat(token).matches("ltp_[0-9a-f]{32}[0-9A-Za-z]{28}");
        assertThat(body.get("uri").asText()).isEqualTo("/realms/issued-it/legacy-auth/tokens/" + token);

        HttpResponse<String> verified = use(token, userId);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.headers().firstValue("X-Auth-Scheme")).hasValue("token-pair");
        assertThat(verified.headers().firstValue("X-Auth-User-Id")).hasValue(userId);
        assertThat(verified.headers().firstValue("X-Auth-Username")).hasValue("john_doe");
        assertThat(verified.headers().firstValue("X-Auth-Roles").orElseThrow().split(","))
                .contains("api-access", "editor");
        // the plaintext token never reaches the server log
        assertThat(server.log()).doesNotContain(token).doesNotContain(token.substring(36));
    }

    @Test
    void aTokenWithAnotherUsersIdIsRefused() throws Exception {
        String token = issue(SEED_LOGIN).get("token").asText();
        String otherId = Realms.user(realm, "ada").getId();

        assertThat(use(token, otherId).statusCode()).isEqualTo(401);
        assertThat(use(token, "115").statusCode()).isEqualTo(401);
        assertThat(use(token, "").statusCode()).isEqualTo(401);
        assertThat(Http.get(verify, "X-Auth-Token", token).statusCode()).as("no user id").isEqualTo(401);
        assertThat(use(token, Realms.user(realm, "john_doe").getId()).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingTheTokenEndsIt() throws Exception {
        JsonNode issued = issue(SEED_LOGIN);
        String token = issued.get("token").asText();
        String userId = issued.get("user_id").asText();
        String uri = server.baseUrl() + issued.get("uri").asText();

        HttpResponse<String> deleted = Http.send(Http.request(uri).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(use(token, userId).statusCode()).isEqualTo(401);
        assertThat(Http.send(Http.request(uri).DELETE()).statusCode()).as("already gone").isEqualTo(401);
        assertThat(Http.send(Http.request(tokens + "/not-a-token").DELETE()).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenStopsWorkingWhenItsLifetimeIsOver() throws Exception {
        Realms.updateSettings(realm, Map.of("tokenPairLifetimeSeconds", "2"));
        JsonNode issued = issue(SEED_LOGIN);
        String token = issued.get("token").asText();
        String userId = issued.get("user_id").asText();
        assertThat(use(token, userId).statusCode()).isEqualTo(200);

        Thread.sleep(3_000);

        assertThat(use(token, userId).statusCode()).isEqualTo(401);
        assertThat(offlineSessionIds(userId)).as("the expired session is removed").doesNotContain(sessionIdOf(token));
    }

    @Test
    void eachTokenIsAKeycloakSessionThatAnAdminCanEnd() throws Exception {
        String userId = Realms.user(realm, "john_doe").getId();
        String first = issue(SEED_LOGIN).get("token").asText();
        String second = issue(SEED_LOGIN).get("token").asText();
        String third = issue(SEED_LOGIN).get("token").asText();

        // listed as the user's offline sessions of the token-pair client, with the client and IP
        List<UserSessionRepresentation> sessions = realm.users().get(userId).getOfflineSessions(clientUuid());
        UserSessionRepresentation listed = sessions.stream().filter(s -> s.getId().equals(sessionIdOf(first)))
                .findFirst().orElseThrow();
        assertThat(listed.getUsername()).isEqualTo("john_doe");
        assertThat(listed.getClients()).containsValue("tuleap-api");
        assertThat(listed.getIpAddress()).isNotBlank();

        // the admin console's Sessions page (and the client's Sessions tab) list it as an offline session
        HttpResponse<String> page = Http.get(server.baseUrl() + "/admin/realms/issued-it/ui-ext/sessions?type=ALL&max=100",
                "Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString());
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode candidate : JSON.readTree(page.body())) {
            if (candidate.get("id").asText().equals(sessionIdOf(first))) {
                row = candidate;
            }
        }
        assertThat(row).as(page.body()).isNotNull();
        assertThat(row.get("type").asText()).isEqualTo("OFFLINE");
        assertThat(row.get("username").asText()).isEqualTo("john_doe");
        assertThat(row.get("clients").toString()).contains("tuleap-api");

        // the Sessions page's "Sign out" of one session
        realm.deleteSession(sessionIdOf(first), true);
        assertThat(use(first, userId).statusCode()).isEqualTo(401);
        assertThat(use(second, userId).statusCode()).isEqualTo(200);

        // revoking the client's offline access in the user's Consents tab
        realm.users().get(userId).revokeConsent("tuleap-api");
        assertThat(use(second, userId).statusCode()).isEqualTo(401);
        assertThat(use(third, userId).statusCode()).isEqualTo(401);

        // the user's "Sign out" (a not-before for the user) ends the ones issued before it
        String fourth = issue(SEED_LOGIN).get("token").asText();
        Thread.sleep(1_100);
        realm.users().get(userId).logout();
        assertThat(use(fourth, userId).statusCode()).isEqualTo(401);
        String fifth = issue(SEED_LOGIN).get("token").asText();
        assertThat(use(fifth, userId).statusCode()).isEqualTo(200);
    }

    @Test
    void issuingAndFailuresAreLoginEventsWithTheScheme() throws Exception {
        realm.clearEvents();
        issue(SEED_LOGIN);
        assertThat(post("{\"username\":\"john_doe\",\"password\":\"wrong\"}").statusCode()).isEqualTo(401);

        List<EventRepresentation> events = realm.getEvents(List.of("LOGIN", "LOGIN_ERROR"), null, null, null, null,
                null, 0, 10);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN");
            assertThat(event.getClientId()).isEqualTo("tuleap-api");
            assertThat(event.getSessionId()).isNotBlank();
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "token-pair");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN_ERROR");
            assertThat(event.getError()).isEqualTo("invalid_user_credentials");
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "token-pair");
        });
    }

    @Test
    void wrongPasswordsCountTowardsTheLockout() throws Exception {
        String userId = Realms.user(realm, "ada").getId();
        realm.attackDetection().clearBruteForceForUser(userId);
        assertThat(post("{\"username\":\"ada\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
        assertThat(post("{\"username\":\"ada\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
        Realms.awaitLoginFailures(realm, userId, 2);
        realm.attackDetection().clearBruteForceForUser(userId);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "\"john_doe\"", "{}", "{\"username\":\"john_doe\"}",
            "{\"username\":\"john_doe\",\"password\":42}", "{\"username\":{\"a\":1},\"password\":\"x\"}",
            "{\"username\":\"john_doe\",\"password\":\"weakpassword\"", "{\"username\":\"john_doe\",\"password\":\"\"}",
            "{\"username\":\"john_doe\",\"username\":\"ada\",\"password\":\"weakpassword\"}",
            "{\"username\":\"john_doe\",\"password\":\"weakpassword\"} trailing",
            "{\"username\":\"john\\u0000doe\",\"password\":\"weakpassword\"}",
            "{\"a\":[[[[[[[[[[[[1]]]]]]]]]]]],\"username\":\"john_doe\",\"password\":\"weakpassword\"}"})
    void unreadableBodiesAre400(String body) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.body()).contains("invalid_request").doesNotContain("john_doe");
    }

    @Test
    void formFieldsWorkAndJsonSentAsAFormIs400() throws Exception {
        HttpResponse<String> form = Http.send(Http.request(tokens).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=john_doe&password=weakpassword")));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(form.body()).get("token").asText()).startsWith("ltp_");

        HttpResponse<String> jsonAsForm = Http.send(Http.request(tokens)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SEED_LOGIN)));
        assertThat(jsonAsForm.statusCode()).isEqualTo(400);
        assertThat(jsonAsForm.body()).contains("Content-Type: application/json");

        HttpResponse<String> noType = Http.send(Http.request(tokens).POST(HttpRequest.BodyPublishers.ofString(SEED_LOGIN)));
        assertThat(noType.statusCode()).as("JSON without a content type").isEqualTo(200);
    }

    /** Keycloak's own response filter fails with 500 on these; the extension answers 400 on every path. */
    @ParameterizedTest
    @ValueSource(strings = {"garbage", ";;;", "application/", "/json"})
    void unparsableContentTypesAre400Everywhere(String contentType) {
        String base = server.legacyAuthUrl("issued-it");
        for (String path : List.of("/tokens", "/tokens/ltp_x", "/auth/login", "/auth/logout", "/a", "/verify", "/csrf")) {
            HttpResponse<String> response = Http.send(Http.request(base + path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(SEED_LOGIN)));
            assertThat(response.statusCode()).as(contentType + " at " + path).isEqualTo(400);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        HttpResponse<String> verify = Http.send(Http.request(base + "/verify").header("Content-Type", contentType)
                .header("Authorization", Http.basic("john_doe", "weakpassword")).GET());
        assertThat(verify.statusCode()).isEqualTo(400);
        assertThat(verify.body()).contains("Content-Type").doesNotContain(contentType);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded; charset=no-such-charset",
            "application/x-www-form-urlencoded; charset=\"", "multipart/form-data"})
    void oddContentTypesAreRefusedAsUnreadableBodies(String contentType) {
        for (String path : List.of("/tokens", "/auth/login")) {
            HttpResponse<String> response = Http.send(Http.request(server.legacyAuthUrl("issued-it") + path)
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString("x=1")));
            assertThat(response.statusCode()).as(contentType + " at " + path).isEqualTo(400);
        }
    }

    @Test
    void hugeBodiesAre413() {
        String huge = "{\"username\":\"john_doe\",\"password\":\"" + "x".repeat(100_000) + "\"}";
        assertThat(post(huge).statusCode()).isEqualTo(413);
    }

    @Test
    void badCredentialsAre401AndUsersWithoutApiAccess403() {
        assertThat(post("{\"username\":\"john_doe\",\"password\":\"wrong\"}").statusCode()).isEqualTo(401);
        assertThat(post("{\"username\":\"nobody\",\"password\":\"wrong\"}").statusCode()).isEqualTo(401);
        assertThat(post("{\"username\":\"bob\",\"password\":\"bob-Password-1\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void malformedTokenHeadersAre401() throws Exception {
        JsonNode issued = issue(SEED_LOGIN);
        String token = issued.get("token").asText();
        String userId = issued.get("user_id").asText();
        String flipped = token.substring(0, 40) + (token.charAt(40) == 'A' ? 'B' : 'A') + token.substring(41);

        assertThat(use(flipped, userId).statusCode()).isEqualTo(401);
        assertThat(use(token.substring(0, token.length() - 1), userId).statusCode()).isEqualTo(401);
        assertThat(use("abcd", "115").statusCode()).isEqualTo(401);
        assertThat(use("x".repeat(9000), userId).statusCode()).isEqualTo(401);

        RawHttp.Reply twice = RawHttp.exchange(server.port(), ("GET /realms/issued-it/legacy-auth/verify HTTP/1.1\r\n"
                + "Host: localhost\r\nX-Auth-Token: " + token + "\r\nX-Auth-Token: " + token + "\r\nX-Auth-UserId: "
                + userId + "\r\nConnection: close\r\n\r\n").getBytes());
        assertThat(twice.status()).isEqualTo(401);
    }

    @Test
    void switchedOffTokenPairsAre403Everywhere() throws Exception {
        JsonNode issued = issue(SEED_LOGIN);
        String token = issued.get("token").asText();
        Realms.updateSettings(realm, Map.of("tokenPairEnabled", "false"));

        assertThat(post(SEED_LOGIN).statusCode()).isEqualTo(403);
        assertThat(use(token, issued.get("user_id").asText()).statusCode()).isEqualTo(403);
        assertThat(Http.send(Http.request(tokens + "/" + token).DELETE()).statusCode()).isEqualTo(403);

        Realms.updateSettings(realm, Map.of("tokenPairEnabled", "true"));
        assertThat(use(token, issued.get("user_id").asText()).statusCode()).as("not ended by the switch").isEqualTo(200);
    }

    @Test
    void settingsThatCannotWorkAreRefusedAndNotSaved() {
        for (Map<String, String> bad : List.of(Map.of("tokenPairLifetimeSeconds", "-5"),
                Map.of("tokenPairLifetimeSeconds", "a day"), Map.of("tokenPairClient", "no-such-client"),
                Map.of("sessionCookieMaxAgeSeconds", "0"), Map.of("sessionCookieClient", "no-such-client"))) {
            assertThatThrownBy(() -> Realms.updateSettings(realm, bad)).as(bad.toString())
                    .isInstanceOf(BadRequestException.class)
                    .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                            .containsAnyOf("at least 1 second", "whole number", "need a client"));
        }
        assertThat(Realms.settings(realm).getConfig().getFirst("tokenPairClient")).isEqualTo("tuleap-api");
        assertThat(Realms.settings(realm).getConfig().getFirst("tokenPairLifetimeSeconds")).isNull();
    }

    static String sessionIdOf(String token) {
        String hex = token.substring(4, 36);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    static String clientUuid() {
        return realm.clients().findByClientId("tuleap-api").get(0).getId();
    }

    static List<String> offlineSessionIds(String userId) {
        return realm.users().get(userId).getOfflineSessions(clientUuid()).stream()
                .map(UserSessionRepresentation::getId).toList();
    }
}
