package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
import io.github.legacyauth.it.harness.Smoke;

/**
 * The token endpoint with a direct-grant flow of the extension's authenticators: a legacy credential in its
 * own header (client authentication stays in Authorization: Basic) becomes a standard Keycloak token.
 */
@ExtendWith(RealKeycloak.class)
class LegacyGrantIT {

    static final String REALM = "grant-it";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> keys = new ArrayList<>();

    static KeycloakServer server;
    static RealmResource realm;
    static String tokenEndpoint;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/grant-it.json");
        realm = server.admin().realm(REALM);
        tokenEndpoint = server.realmUrl(REALM) + "/protocol/openid-connect/token";
    }

    @Test
    @Smoke
    void accessKeyGivesATokenWithOnlyTheKeysRoles() throws Exception {
        String key = createKey("[\"viewer\"]");

        // a client whose role scope is the key's (full scope off, scope mapping viewer)
        HttpResponse<String> response = grant("viewer-grant", "viewer-grant-secret", "X-Auth-AccessKey", key);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode token = claims(response);
        assertThat(token.get("preferred_username").asText()).isEqualTo("alice");
        assertThat(JSON.convertValue(token.at("/realm_access/roles"), List.class)).containsExactly("viewer");
        assertThat(token.path("resource_access").findValues("roles")).as(token.toString()).isEmpty();
    }

    @Test
    void customHeaderGivesATokenWithTheUsersRoles() throws Exception {
        HttpResponse<String> response = grant("legacy-grant", "legacy-grant-secret",
                "X-API-Auth", b64("alice:alice-Grant-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode token = claims(response);
        assertThat(token.get("preferred_username").asText()).isEqualTo("alice");
        assertThat(JSON.convertValue(token.at("/realm_access/roles"), List.class))
                .contains("api-access", "editor", "viewer");
    }

    @Test
    void wrongCredentialsAreInvalidGrant() throws Exception {
        HttpResponse<String> wrongPassword = grant("legacy-grant", "legacy-grant-secret", "X-API-Auth", b64("alice:nope"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongPassword.body()).get("error").asText()).isEqualTo("invalid_grant");

        String key = createKey("[]");
        String wrongKey = key.substring(0, key.length() - 28) + "A".repeat(28);
        HttpResponse<String> wrong = grant("legacy-grant", "legacy-grant-secret", "X-Auth-AccessKey", wrongKey);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");

        // Authorization: Basic at the token endpoint is the client's: a wrong client secret is the client's error
        HttpResponse<String> badClient = grant("legacy-grant", "wrong-secret", "X-Auth-AccessKey", key);
        assertThat(badClient.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(badClient.body()).get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void clientWithoutTheScopeMapperRefusesKeysAndPasswords() throws Exception {
        // without the mapper nothing would end the session's refresh tokens with the password, nor keep the
        // tokens away from the account API
        String key = createKey("[\"viewer\"]");

        assertThat(grant("unmapped-grant", "unmapped-grant-secret", "X-Auth-AccessKey", key).statusCode()).isEqualTo(403);
        assertThat(grant("unmapped-grant", "unmapped-grant-secret", "X-API-Auth", b64("alice:alice-Grant-1"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    @Smoke
    void aKeysSessionCanNeverManageKeysAndEndsWithTheKey() throws Exception {
        String key = createKey("[]"); // all of alice's roles, account roles included
        String keyId = key.substring(key.lastIndexOf('_') + 1, key.lastIndexOf('_') + 9);
        HttpResponse<String> response = grant("legacy-grant", "legacy-grant-secret", "X-Auth-AccessKey", key);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(response.body());
        String accessToken = tokens.get("access_token").asText();

        HttpResponse<String> createWithKeyToken = Http.send(Http.request(server.legacyAuthUrl(REALM) + "/account/access-keys")
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"from a key\"}")));
        assertThat(createWithKeyToken.statusCode()).isIn(401, 403);

        String adminToken = server.admin().tokenManager().getAccessTokenString();
        String aliceId = Realms.user(realm, "alice").getId();
        Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM + "/legacy-auth/users/" + aliceId
                + "/access-keys/" + keyId).header("Authorization", "Bearer " + adminToken).DELETE());

        HttpResponse<String> refresh = Http.send(Http.request(tokenEndpoint)
                .header("Authorization", "Basic " + b64("legacy-grant:legacy-grant-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + tokens.get("refresh_token").asText())));
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refresh.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    /** Legacy clients exchange the same credential many times at once: with brute-force detection on, all pass. */
    @Test
    void parallelGrantsWithTheSameCredentialAllPass() throws Exception {
        String key = createKey("[\"viewer\"]");
        var representation = realm.toRepresentation();
        representation.setBruteForceProtected(true);
        realm.update(representation);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean header = i % 2 == 0;
                calls.add(() -> (header
                        ? grant("legacy-grant", "legacy-grant-secret", "X-API-Auth", b64("alice:alice-Grant-1"))
                        : grant("viewer-grant", "viewer-grant-secret", "X-Auth-AccessKey", key)).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (var status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
            representation.setBruteForceProtected(false);
            realm.update(representation);
        }
    }

    @Test
    void wrongPasswordsInGrantsLockTheUser() throws Exception {
        var representation = realm.toRepresentation();
        representation.setBruteForceProtected(true);
        representation.setFailureFactor(2);
        representation.setQuickLoginCheckMilliSeconds(1L);
        representation.setWaitIncrementSeconds(60);
        realm.update(representation);
        String aliceId = Realms.user(realm, "alice").getId();
        try {
            for (int i = 1; i <= 2; i++) {
                assertThat(grant("legacy-grant", "legacy-grant-secret", "X-API-Auth", b64("alice:wrong-" + i))
                        .statusCode()).isEqualTo(401);
                awaitFailures(aliceId, i);
            }
            assertThat(grant("legacy-grant", "legacy-grant-secret", "X-API-Auth", b64("alice:alice-Grant-1"))
                    .statusCode()).isEqualTo(401);
            assertThat(realm.attackDetection().bruteForceUserStatus(aliceId)).containsEntry("disabled", true);
        } finally {
            realm.attackDetection().clearBruteForceForUser(aliceId);
            representation.setBruteForceProtected(false);
            realm.update(representation);
        }
        assertThat(grant("legacy-grant", "legacy-grant-secret", "X-API-Auth", b64("alice:alice-Grant-1"))
                .statusCode()).isEqualTo(200);
    }

    private static void awaitFailures(String userId, int expected) throws InterruptedException {
        Realms.awaitLoginFailures(realm, userId, expected);
    }

    @AfterAll
    static void noKeyReachedTheLog() {
        String log = server.log();
        keys.forEach(key -> assertThat(log).doesNotContain(key));
        assertThat(log).doesNotContain("alice-Grant-1");
    }

    static HttpResponse<String> grant(String client, String secret, String header, String value) {
        return Http.send(Http.request(tokenEndpoint)
                .header("Authorization", "Basic " + b64(client + ":" + secret))
                .header(header, value)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password")));
    }

    static String createKey(String scopes) throws Exception {
        String adminToken = server.admin().tokenManager().getAccessTokenString();
        String aliceId = Realms.user(realm, "alice").getId();
        HttpResponse<String> created = Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM
                + "/legacy-auth/users/" + aliceId + "/access-keys")
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"grant\",\"scopes\":" + scopes + "}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = JSON.readTree(created.body()).get("key").asText();
        keys.add(key);
        return key;
    }

    static JsonNode claims(HttpResponse<String> tokenResponse) throws Exception {
        String jwt = JSON.readTree(tokenResponse.body()).get("access_token").asText();
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
