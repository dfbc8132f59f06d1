package io.github.legacyauth.it.basic;

import static io.github.legacyauth.it.harness.Http.b64;
import static io.github.legacyauth.it.harness.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** Kanboard's application API: jsonrpc + an application token acts as a client's service account. */
@ExtendWith(RealKeycloak.class)
class AppTokenIT {

    /** The token of Kanboard's documentation, imported so its curl example works unchanged. */
    static final String SEED_TOKEN = "19ffd9709d03ce50675c3a43d1c49c1ac207f4bc45f06c5b2701fbdf8929";
    static final String SEED_HEADER = "anNvbnJwYzoxOWZmZDk3MDlkMDNjZTUwNjc1YzNhNDNkMWM0OWMxYWMyMDdmNGJjNDVmMDZjNWIyNzAxZmJkZjg5Mjk=";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> tokens = new ArrayList<>(List.of(SEED_TOKEN));

    static KeycloakServer server;
    static RealmResource realm;
    static String verify;
    static String appTokens;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/app-it.json");
        realm = server.admin().realm("app-it");
        verify = server.legacyAuthUrl("app-it") + "/verify";
        appTokens = server.baseUrl() + "/admin/realms/app-it/legacy-auth/app-tokens";
    }

    @Test
    void importedKanboardTokenMakesTheSeedCurlExampleWork() throws Exception {
        assertThat(SEED_HEADER).isEqualTo(b64("jsonrpc:" + SEED_TOKEN));
        HttpResponse<String> imported = admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"description\":\"migrated from Kanboard\",\"token\":\"" + SEED_TOKEN + "\"}")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

        // curl -H 'X-API-Auth: anNvbnJwYzox...' -d '{"jsonrpc": "2.0", "method": "getAllProjects", "id": 1}' <host>
        HttpResponse<String> response = Http.send(Http.request(verify).header("X-API-Auth", SEED_HEADER)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"method\": \"getAllProjects\", \"id\": 1}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Auth-Username")).hasValue("service-account-kanboard-app");
        assertThat(response.headers().firstValue("X-Auth-Scheme")).hasValue("app-token");
        assertThat(response.headers().firstValue("X-Auth-Roles").orElseThrow())
                .contains("api-access", "editor", "kanboard-app:project-admin");
        assertThat(Http.get(verify, "Authorization", basic("jsonrpc", SEED_TOKEN)).statusCode()).isEqualTo(200);
        // importing the same token again is refused
        assertThat(admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + SEED_TOKEN + "\"}"))).statusCode())
                .isEqualTo(400);
    }

    @Test
    void generatedTokenIsShownOnceWorksAndIsRevocable() throws Exception {
        realm.clearAdminEvents();
        HttpResponse<String> created = admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"reporting job\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String value = token.get("token").asText();
        tokens.add(value);
        assertThat(value).matches("lat_[0-9A-Za-z]{38}");

        assertThat(Http.get(verify, "Authorization", basic("jsonrpc", value)).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = admin(Http.request(appTokens).GET());
        assertThat(listed.body()).contains(token.get("id").asText()).contains("reporting job")
                .doesNotContain(value).doesNotContain("\"token\"");

        assertThat(admin(Http.request(appTokens + "/" + token.get("id").asText()).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = Http.get(verify, "Authorization", basic("jsonrpc", value));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).isEqualTo(BasicVerifyIT.UNAUTHORIZED_BODY);

        assertThat(realm.getAdminEvents()).anySatisfy(event -> {
            assertThat(event.getResourceType()).isEqualTo("LEGACY_AUTH_APP_TOKEN");
            assertThat(event.getOperationType()).isEqualTo("CREATE");
            assertThat(event.getRepresentation()).contains("reporting job").doesNotContain(value);
        });
        assertThat(realm.getAdminEvents()).anySatisfy(event -> assertThat(event.getOperationType()).isEqualTo("DELETE"));
    }

    @Test
    void wrongTokensAndBadRequests() {
        assertThat(Http.get(verify, "Authorization", basic("jsonrpc", "not-a-token")).statusCode()).isEqualTo(401);
        assertThat(Http.get(verify, "X-API-Auth", b64("jsonrpc:")).statusCode()).isEqualTo(401);
        assertThat(admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"short\"}"))).statusCode()).isEqualTo(400);
        assertThat(admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"has:a:colon-and-is-long-enough\"}"))).statusCode())
                .isEqualTo(400);
        assertThat(admin(Http.request(appTokens + "/nope").DELETE()).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageTokens() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(server.realmUrl("app-it") + "/protocol/openid-connect/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=user-cli&username=alice&password=alice-App-1")));
        String userToken = JSON.readTree(login.body()).get("access_token").asText();
        assertThat(Http.get(appTokens, "Authorization", "Bearer " + userToken).statusCode()).isEqualTo(403);
        assertThat(Http.get(appTokens).statusCode()).isEqualTo(401);
    }

    @Test
    void settingsAreCheckedAndTheSwitchIsHonoured() {
        assertThat(catchStatus(() -> Realms.updateSettings(realm, Map.of("appApiClient", "no-service-account"))))
                .isEqualTo(400);
        assertThat(catchStatus(() -> Realms.updateSettings(realm, Map.of("appApiUsername", "json:rpc")))).isEqualTo(400);

        HttpResponse<String> created = admin(Http.request(appTokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"switch\"}")));
        String value = JSON.convertValue(readTree(created.body()).get("token"), String.class);
        tokens.add(value);
        Realms.updateSettings(realm, Map.of("appApiEnabled", "false"));
        try {
            // with the application API off, jsonrpc is just a username without a user
            assertThat(Http.get(verify, "Authorization", basic("jsonrpc", value)).statusCode()).isEqualTo(401);
        } finally {
            Realms.updateSettings(realm, Map.of("appApiEnabled", "true"));
        }
        assertThat(Http.get(verify, "Authorization", basic("jsonrpc", value)).statusCode()).isEqualTo(200);
    }

    @Test
    void tokensNeedAConfiguredClient() {
        Realms.updateSettings(realm, Map.of("appApiEnabled", "false", "appApiClient", ""));
        try {
            HttpResponse<String> listed = admin(Http.request(appTokens).GET());
            assertThat(listed.statusCode()).isEqualTo(409);
            assertThat(listed.body()).contains("application API client");
        } finally {
            Realms.updateSettings(realm, Map.of("appApiEnabled", "true", "appApiClient", "kanboard-app"));
        }
    }

    @AfterAll
    static void noTokenReachedTheLog() {
        String log = server.log();
        tokens.forEach(token -> assertThat(log).doesNotContain(token));
        assertThat(log).doesNotContain(SEED_HEADER);
    }

    static HttpResponse<String> admin(HttpRequest.Builder request) {
        return Http.send(request.header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString()));
    }

    static int catchStatus(Runnable action) {
        try {
            action.run();
            return 200;
        } catch (jakarta.ws.rs.WebApplicationException e) {
            return e.getResponse().getStatus();
        }
    }

    static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
