package io.github.legacyauth.it.accesskey;

import static io.github.legacyauth.it.harness.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** Tuleap-style personal access keys: self-service and admin REST, X-Auth-AccessKey and Basic, scopes, limits. */
@ExtendWith(RealKeycloak.class)
class AccessKeyIT {

    static final String REALM = "keys-it";
    static final Pattern KEY = Pattern.compile("lak_[ux][0-9a-z]{1,400}_[0-9A-Za-z]{36}");
    static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"error_description\":\"Missing or invalid credentials\"}";
    static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakServer server;
    static RealmResource realm;
    static String verify;
    static String accountKeys;
    /** Every key this class created, to prove none reached the log. */
    static final List<String> createdKeys = new ArrayList<>();

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/keys-it.json");
        realm = server.admin().realm(REALM);
        verify = server.legacyAuthUrl(REALM) + "/verify";
        accountKeys = server.legacyAuthUrl(REALM) + "/account/access-keys";
    }

    @AfterEach
    void restoreLimits() {
        Realms.updateSettings(realm, Map.of("accessKeyMaxPerUser", "", "accessKeyMaxLifetimeDays", ""));
    }

    // --- self-service ---------------------------------------------------------------------------

    @Test
    void theOptionsOfferTheUsersOwnRolesAndTheRealmsLimits() throws Exception {
        Realms.updateSettings(realm, Map.of("accessKeyMaxPerUser", "7", "accessKeyMaxLifetimeDays", "30"));
        HttpResponse<String> response = send(Http.request(accountKeys + "/options").GET(), accountToken("bob", "bob-Keys-1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode options = JSON.readTree(response.body());
        assertThat(options.get("enabled").asBoolean()).isTrue();
        assertThat(options.get("max_per_user").asInt()).isEqualTo(7);
        assertThat(options.get("max_lifetime_days").asInt()).isEqualTo(30);
        List<String> scopes = new java.util.ArrayList<>();
        options.get("scopes").forEach(scope -> scopes.add(scope.get("name").asText()));
        // bob's realm roles (and what default-roles brings), never the default-roles container or alice's roles
        assertThat(scopes).contains("api-access", "viewer", "offline_access", "account:manage-account")
                .doesNotContain("default-roles-keys-it", "editor", "legacy-app:writer");
        assertThat(scopes.indexOf("viewer")).isLessThan(scopes.indexOf("account:manage-account"));

        Realms.updateSettings(realm, Map.of("accessKeyMaxLifetimeDays", ""));
        JsonNode unlimited = JSON.readTree(send(Http.request(accountKeys + "/options").GET(),
                accountToken("bob", "bob-Keys-1")).body());
        assertThat(unlimited.has("max_lifetime_days")).isTrue();
        assertThat(unlimited.get("max_lifetime_days").isNull()).isTrue();
        assertThat(Http.get(accountKeys + "/options").statusCode()).isEqualTo(401);
    }

    @Test
    void userCreatesListsUsesAndRevokesAKey() throws Exception {
        String token = accountToken("alice", "alice-Keys-1");
        JsonNode created = createKey(token, "{\"description\":\"CI pipeline\"}", 201);
        String key = created.get("key").asText();
        String id = created.get("id").asText();
        assertThat(key).matches(KEY);
        assertThat(created.get("description").asText()).isEqualTo("CI pipeline");
        assertThat(created.get("created_at").asText()).isNotBlank();
        assertThat(created.has("expires_at")).isTrue();
        assertThat(created.get("expires_at").isNull()).isTrue();

        JsonNode listed = JSON.readTree(send(Http.request(accountKeys).GET(), token).body());
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertThat(listed.toString()).doesNotContain(key).doesNotContain("\"key\"").doesNotContain("hash");
        // the admin representation of the owner shows neither the key nor its record
        String aliceId = Realms.user(realm, "alice").getId();
        String adminView = JSON.writeValueAsString(realm.users().get(aliceId).toRepresentation(true));
        assertThat(adminView).doesNotContain(key).doesNotContain(key.substring(key.length() - 28, key.length() - 6))
                .doesNotContain("legacy-auth.access-key");

        // Tuleap's curl example with only host and path changed: curl -H 'X-Auth-AccessKey: <key>' .../api/projects
        HttpResponse<String> used = Http.get(verify, "X-Auth-AccessKey", key);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Username")).hasValue("alice");
        assertThat(used.headers().firstValue("X-Auth-Scheme")).hasValue("access-key");
        assertThat(roles(used)).contains("api-access", "editor", "proofreader", "viewer", "legacy-app:reader");

        HttpResponse<String> revoked = send(Http.request(accountKeys + "/" + id).DELETE(), token);
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> after = Http.get(verify, "X-Auth-AccessKey", key);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).isEqualTo(UNAUTHORIZED_BODY);
        assertThat(send(Http.request(accountKeys + "/" + id).DELETE(), token).statusCode()).isEqualTo(404);

        List<EventRepresentation> events = realm.getEvents(null, null, Realms.user(realm, "alice").getId(),
                null, null, null, 0, 100);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN");
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "access-key")
                    .containsEntry("legacy_auth_key_id", id);
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN_ERROR");
            assertThat(event.getDetails()).containsEntry("legacy_auth_key_id", id);
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("UPDATE_CREDENTIAL");
            assertThat(event.getDetails()).containsEntry("credential_type", "legacy-access-key");
        });
        assertThat(events).anySatisfy(event -> assertThat(event.getType()).isEqualTo("REMOVE_CREDENTIAL"));
        assertThat(events.toString()).doesNotContain(key);
        events.forEach(event -> assertThat(String.valueOf(event.getDetails())).doesNotContain(key));
    }

    @Test
    void keyInPlaceOfThePasswordInBasic() throws Exception {
        String key = createKey(accountToken("alice", "alice-Keys-1"), "{\"description\":\"basic\"}", 201)
                .get("key").asText();

        HttpResponse<String> byUsername = Http.get(verify, "Authorization", basic("alice", key));
        assertThat(byUsername.statusCode()).isEqualTo(200);
        assertThat(byUsername.headers().firstValue("X-Auth-Scheme")).hasValue("access-key");
        assertThat(Http.get(verify, "Authorization", basic("alice@example.test", key)).statusCode()).isEqualTo(200);
        assertThat(Http.get(verify, "X-API-Auth", Http.b64("alice:" + key)).statusCode()).isEqualTo(200);
        // another user's name with alice's key
        assertThat(Http.get(verify, "Authorization", basic("bob", key)).statusCode()).isEqualTo(401);
    }

    @Test
    void scopesIntersectWithTheUsersRolesAtTheMomentOfUse() throws Exception {
        String token = accountToken("carl", "carl-Keys-1");
        String key = createKey(token, "{\"description\":\"editor only\",\"scopes\":[\"editor\"]}", 201)
                .get("key").asText();

        HttpResponse<String> scoped = Http.get(verify, "X-Auth-AccessKey", key);
        assertThat(scoped.statusCode()).isEqualTo(200);
        assertThat(roles(scoped)).containsExactlyInAnyOrder("editor", "proofreader");

        String carlId = Realms.user(realm, "carl").getId();
        RoleRepresentation editor = realm.roles().get("editor").toRepresentation();
        realm.users().get(carlId).roles().realmLevel().remove(List.of(editor));
        try {
            HttpResponse<String> afterRemoval = Http.get(verify, "X-Auth-AccessKey", key);
            assertThat(afterRemoval.statusCode()).isEqualTo(200);
            assertThat(roles(afterRemoval)).doesNotContain("editor", "proofreader", "viewer", "api-access");
        } finally {
            realm.users().get(carlId).roles().realmLevel().add(List.of(editor));
        }
        assertThat(roles(Http.get(verify, "X-Auth-AccessKey", key))).containsExactlyInAnyOrder("editor", "proofreader");
    }

    @Test
    void aScopeTheUserLacksIsRefused() throws Exception {
        String token = accountToken("bob", "bob-Keys-1");
        JsonNode refused = createKey(token, "{\"description\":\"x\",\"scopes\":[\"editor\"]}", 400);
        assertThat(refused.get("error_description").asText()).contains("editor");
        createKey(token, "{\"description\":\"x\",\"scopes\":[\"no-such-role\"]}", 400);
        createKey(token, "{\"description\":\"x\",\"scopes\":[\"legacy-app:writer\"]}", 400);
    }

    @Test
    void badRequestsAreClear4xx() throws Exception {
        String token = accountToken("bob", "bob-Keys-1");
        createKey(token, "{\"description\":\"x\",\"expires_at\":\"tomorrow\"}", 400);
        createKey(token, "{\"description\":\"x\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", 400);
        createKey(token, "{\"description\":\"x\",\"expires_at\":\"2001-01-01\"}", 400);
        createKey(token, "{\"description\":\"x\",\"expires_at\":\"2030-02-30\"}", 400);
        createKey(token, "{\"description\":\"" + "d".repeat(300) + "\"}", 400);
        createKey(token, "{\"description\":\"line\\nbreak\"}", 400);
        HttpResponse<String> notJson = send(Http.request(accountKeys).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")), token);
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void limitsOnCountAndLifetime() throws Exception {
        String token = accountToken("bob", "bob-Keys-1");
        deleteAllKeys(token);
        Realms.updateSettings(realm, Map.of("accessKeyMaxPerUser", "2", "accessKeyMaxLifetimeDays", "1"));

        JsonNode first = createKey(token, "{\"description\":\"one\"}", 201);
        Instant expires = Instant.parse(first.get("expires_at").asText());
        assertThat(expires).isBetween(Instant.now().plus(23, ChronoUnit.HOURS), Instant.now().plus(25, ChronoUnit.HOURS));
        createKey(token, "{\"description\":\"too long\",\"expires_at\":\""
                + Instant.now().plus(2, ChronoUnit.DAYS) + "\"}", 400);
        // a date means the end of that day (UTC); the last day the realm allows ends with its lifetime
        java.time.LocalDate tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        createKey(token, "{\"description\":\"too late\",\"expires_at\":\"" + tomorrow.plusDays(1) + "\"}", 400);
        JsonNode byDate = createKey(token, "{\"description\":\"two\",\"expires_at\":\"" + tomorrow + "\"}", 201);
        assertThat(Instant.parse(byDate.get("expires_at").asText()))
                .isBetween(Instant.now().plus(23, ChronoUnit.HOURS), Instant.now().plus(25, ChronoUnit.HOURS));
        JsonNode third = createKey(token, "{\"description\":\"three\"}", 409);
        assertThat(third.get("error_description").asText()).contains("maximum of 2");
        deleteAllKeys(token);
    }

    @Test
    void expiredKeyIsRefused() throws Exception {
        String token = accountToken("bob", "bob-Keys-1");
        String key = createKey(token, "{\"description\":\"short\",\"expires_at\":\""
                + Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS) + "\"}", 201).get("key").asText();
        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        Thread.sleep(4500);
        HttpResponse<String> expired = Http.get(verify, "X-Auth-AccessKey", key);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo(UNAUTHORIZED_BODY);
    }

    @Test
    void anExpiredKeyShowsAsExpiredAndHoldsNoPlaceUnderTheLimit() throws Exception {
        String token = accountToken("bob", "bob-Keys-1");
        deleteAllKeys(token);
        Realms.updateSettings(realm, Map.of("accessKeyMaxPerUser", "1"));
        JsonNode shortLived = createKey(token, "{\"description\":\"short\",\"expires_at\":\""
                + Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS) + "\"}", 201);
        assertThat(shortLived.get("state").asText()).isEqualTo("active");
        createKey(token, "{\"description\":\"second\"}", 409);
        Thread.sleep(3500);

        JsonNode listed = JSON.readTree(send(Http.request(accountKeys).GET(), token).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(shortLived.get("id").asText());
        assertThat(listed.get(0).get("state").asText()).isEqualTo("expired");
        assertThat(Http.get(verify, "X-Auth-AccessKey", shortLived.get("key").asText()).statusCode()).isEqualTo(401);
        JsonNode replacement = createKey(token, "{\"description\":\"replacement\"}", 201);
        assertThat(Http.get(verify, "X-Auth-AccessKey", replacement.get("key").asText()).statusCode()).isEqualTo(200);
        deleteAllKeys(token);
    }

    /** A use refused for lack of API access (403) is not a use: "last used" stays as it was. */
    @Test
    void aRefusedUseLeavesLastUsedAlone() throws Exception {
        String token = accountToken("carl", "carl-Keys-1");
        deleteAllKeys(token);
        JsonNode created = createKey(token, "{\"description\":\"refused then used\"}", 201);
        String key = created.get("key").asText();
        String carlId = Realms.user(realm, "carl").getId();
        var apiAccess = List.of(realm.roles().get("api-access").toRepresentation());
        realm.users().get(carlId).roles().realmLevel().remove(apiAccess);
        try {
            assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(403);
            JsonNode refused = JSON.readTree(send(Http.request(accountKeys).GET(), token).body());
            assertThat(refused.findValues("last_used_at").stream().allMatch(JsonNode::isNull))
                    .as("after a refused use: " + refused).isTrue();
        } finally {
            realm.users().get(carlId).roles().realmLevel().add(apiAccess);
        }
        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        JsonNode used = JSON.readTree(send(Http.request(accountKeys).GET(), token).body());
        assertThat(used.findValues("last_used_at").stream().anyMatch(value -> !value.isNull())).isTrue();
        deleteAllKeys(token);
    }

    @Test
    void disabledOwnerIsRefusedAndAdminEditsKeepKeys() throws Exception {
        String key = createKey(accountToken("bob", "bob-Keys-1"), "{\"description\":\"d\"}", 201).get("key").asText();
        String bobId = Realms.user(realm, "bob").getId();
        UserRepresentation bob = realm.users().get(bobId).toRepresentation();

        bob.setEnabled(false);
        realm.users().get(bobId).update(bob);
        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(401);

        bob.setEnabled(true);
        bob.setFirstName("Robert");
        realm.users().get(bobId).update(bob);
        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
    }

    static Stream<String> badKeys() throws Exception {
        String good = createKeyStatic();
        String id = good.substring(good.lastIndexOf('_') + 1, good.lastIndexOf('_') + 9);
        char last = good.charAt(good.length() - 1);
        String wrongChecksum = good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A');
        String otherSecret = good.substring(0, good.length() - 28) + "A".repeat(28);
        return Stream.of("", "lak_", "not-a-key", good.substring(0, good.length() - 1), good + "x", wrongChecksum,
                otherSecret, "lak_x" + "1".repeat(600) + "_" + "A".repeat(36), "lak_" + "z".repeat(9000),
                good.replace("lak_", "LAK_"), id);
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void malformedUnknownAndWrongKeysGetOneAnswer(String presented) {
        HttpResponse<String> response = Http.get(verify, "X-Auth-AccessKey", presented);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
    }

    @Test
    void lastUseIsWrittenAtMostOncePerTenMinutes() throws Exception {
        JsonNode created = createKey(accountToken("bob", "bob-Keys-1"), "{\"description\":\"busy\"}", 201);
        String key = created.get("key").asText();
        String id = created.get("id").asText();
        for (int i = 0; i < 25; i++) {
            assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        }
        long writes = server.log().lines().filter(line -> line.contains("Recorded use of access key " + id)).count();
        assertThat(writes).isEqualTo(1);
        JsonNode listed = JSON.readTree(send(Http.request(accountKeys).GET(), accountToken("bob", "bob-Keys-1")).body());
        for (JsonNode k : listed) {
            if (k.get("id").asText().equals(id)) {
                assertThat(k.get("last_used_at").asText()).isNotBlank();
            }
        }
    }

    @Test
    void accountEndpointWantsAnAccountBearer() throws Exception {
        assertThat(Http.send(Http.request(accountKeys).GET()).statusCode()).isEqualTo(401);
        assertThat(Http.get(accountKeys, "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
        // a key cannot stand in for the bearer: keys never create keys
        String key = createKey(accountToken("bob", "bob-Keys-1"), "{\"description\":\"k\"}", 201).get("key").asText();
        assertThat(Http.get(accountKeys, "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);
        assertThat(Http.get(accountKeys, "X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
        assertThat(Http.get(accountKeys, "Authorization", basic("bob", "bob-Keys-1")).statusCode()).isEqualTo(401);
        // a token without the account audience and roles
        String narrow = token("narrow-cli", "bob", "bob-Keys-1");
        assertThat(send(Http.request(accountKeys).GET(), narrow).statusCode()).isEqualTo(401);
    }

    // --- admin ----------------------------------------------------------------------------------

    @Test
    void adminManagesAUsersKeysWithAdminEvents() throws Exception {
        String bobId = Realms.user(realm, "bob").getId();
        String adminKeys = server.baseUrl() + "/admin/realms/" + REALM + "/legacy-auth/users/" + bobId + "/access-keys";
        String adminToken = server.admin().tokenManager().getAccessTokenString();
        realm.clearAdminEvents();

        HttpResponse<String> created = Http.send(Http.request(adminKeys)
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"set up by admin\",\"scopes\":[\"viewer\"]}")));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        createdKeys.add(key.get("key").asText());
        HttpResponse<String> used = Http.get(verify, "X-Auth-AccessKey", key.get("key").asText());
        assertThat(used.headers().firstValue("X-Auth-Username")).hasValue("bob");
        assertThat(roles(used)).containsExactly("viewer");

        HttpResponse<String> listed = Http.get(adminKeys, "Authorization", "Bearer " + adminToken);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(key.get("id").asText()).doesNotContain(key.get("key").asText());

        HttpResponse<String> deleted = Http.send(Http.request(adminKeys + "/" + key.get("id").asText())
                .header("Authorization", "Bearer " + adminToken).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Http.get(verify, "X-Auth-AccessKey", key.get("key").asText()).statusCode()).isEqualTo(401);

        List<AdminEventRepresentation> events = realm.getAdminEvents();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getOperationType()).isEqualTo("CREATE");
            assertThat(event.getResourceType()).isEqualTo("LEGACY_AUTH_ACCESS_KEY");
            assertThat(event.getResourcePath()).contains(bobId).contains(key.get("id").asText());
            assertThat(event.getRepresentation()).contains("set up by admin").doesNotContain(key.get("key").asText());
        });
        assertThat(events).anySatisfy(event -> assertThat(event.getOperationType()).isEqualTo("DELETE"));

        // a realm user without admin roles may not
        HttpResponse<String> asUser = Http.get(adminKeys, "Authorization", "Bearer " + accountToken("alice", "alice-Keys-1"));
        assertThat(asUser.statusCode()).isEqualTo(403);
        HttpResponse<String> noUser = Http.get(server.baseUrl() + "/admin/realms/" + REALM
                + "/legacy-auth/users/no-such-user/access-keys", "Authorization", "Bearer " + adminToken);
        assertThat(noUser.statusCode()).isEqualTo(404);
    }

    @Test
    void deletingTheUserDeletesItsKeys() throws Exception {
        UserRepresentation temp = new UserRepresentation();
        temp.setUsername("temp-user");
        temp.setEnabled(true);
        temp.setEmail("temp@example.test");
        temp.setFirstName("Temp");
        temp.setLastName("User");
        realm.users().create(temp).close();
        String tempId = Realms.user(realm, "temp-user").getId();
        realm.users().get(tempId).roles().realmLevel().add(List.of(realm.roles().get("api-access").toRepresentation()));
        String adminToken = server.admin().tokenManager().getAccessTokenString();
        HttpResponse<String> created = Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM
                + "/legacy-auth/users/" + tempId + "/access-keys")
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"temp\"}")));
        String key = JSON.readTree(created.body()).get("key").asText();
        createdKeys.add(key);
        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);

        realm.users().delete(tempId).close();

        assertThat(Http.get(verify, "X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
    }

    @AfterAll
    static void noCreatedKeyReachedTheLog() {
        String log = server.log();
        assertThat(createdKeys).isNotEmpty();
        for (String key : createdKeys) {
            assertThat(log).doesNotContain(key);
            // nor its secret alone
            assertThat(log).doesNotContain(key.substring(key.length() - 28, key.length() - 6));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    static String accountToken(String username, String password) throws Exception {
        return token("key-cli", username, password);
    }

    static String token(String client, String username, String password) throws Exception {
        HttpResponse<String> response = Http.send(Http.request(server.realmUrl(REALM) + "/protocol/openid-connect/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client
                        + "&username=" + username + "&password=" + password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    static JsonNode createKey(String token, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(Http.request(accountKeys).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        JsonNode json = JSON.readTree(response.body());
        if (json.has("key")) {
            createdKeys.add(json.get("key").asText());
        }
        return json;
    }

    static String createKeyStatic() throws Exception {
        return createKey(accountToken("alice", "alice-Keys-1"), "{\"description\":\"probe\"}", 201).get("key").asText();
    }

    static void deleteAllKeys(String token) throws Exception {
        for (JsonNode key : JSON.readTree(send(Http.request(accountKeys).GET(), token).body())) {
            send(Http.request(accountKeys + "/" + key.get("id").asText()).DELETE(), token);
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String token) {
        return Http.send(request.header("Authorization", "Bearer " + token));
    }

    static List<String> roles(HttpResponse<String> response) {
        String header = response.headers().firstValue("X-Auth-Roles").orElse("");
        return header.isEmpty() ? List.of() : List.of(header.split(","));
    }

    static String firstMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }
}
