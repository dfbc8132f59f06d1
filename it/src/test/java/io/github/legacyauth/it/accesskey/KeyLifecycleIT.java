package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * A key's life after its creation: regenerated (same id, new secret, the old one dead at once, also as a
 * copy written back), last used from an address, limited to the roles the realm lets keys carry, proposed
 * with the admin's default lifetime, and gone from the list a grace period after it expired. And the
 * admin who answers "this key leaked": found by its id or by the leaked text, then revoked.
 */
class KeyLifecycleIT extends AttackRealmTest {

    @BeforeAll
    static void recordAdminEventsAndShowRecords() {
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setAdminEventsEnabled(true);
        realm.setAdminEventsDetailsEnabled(true);
        List<String> types = new java.util.ArrayList<>(realm.getEnabledEventTypes() == null ? List.of()
                : realm.getEnabledEventTypes());
        types.add("UPDATE_CREDENTIAL");
        realm.setEnabledEventTypes(types);
        attack.realm().update(realm);
        // the records are unmanaged attributes: shown (and writable, as an attacker would wish) only so
        Realms.letUsersEditUnmanagedAttributes(attack.realm());
    }

    @AfterEach
    void restoreSettings() {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyScopeRoles", "", "accessKeyMaxLifetimeDays", "",
                "accessKeyDefaultLifetimeDays", "", "accessKeyExpiredRetentionDays", "", "accessKeyMaxPerUser", ""));
    }

    @Test
    @Smoke
    void aRegeneratedKeyKeepsItsIdAndTheOldSecretStopsAtOnce() throws Exception {
        String old = attack.createKey("erin", "{\"description\":\"ci deploys\",\"scopes\":[\"viewer\"]}");
        String keyId = AttackRealm.keyId(old);
        HttpResponse<String> granted = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", old, null);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        JsonNode grant = AttackRealm.json(granted);
        String erin = attack.userToken("erin", "erin-Attack-1");
        String erinId = attack.userId("erin");
        String oldRecord = attack.realm().users().get(erinId).toRepresentation().getAttributes()
                .get("legacy-auth.access-key." + keyId).get(0);

        HttpResponse<String> regenerated = Http.send(Http.request(attack.url("/account/access-keys/" + keyId + "/regenerate"))
                .header("Authorization", "Bearer " + erin).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(regenerated.statusCode()).as(regenerated.body()).isEqualTo(200);
        assertThat(regenerated.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode key = AttackRealm.json(regenerated);
        String fresh = key.get("key").asText();
        assertThat(fresh).isNotEqualTo(old).startsWith("lak_");
        assertThat(key.get("id").asText()).isEqualTo(keyId);
        assertThat(AttackRealm.keyId(fresh)).isEqualTo(keyId);
        assertThat(key.get("description").asText()).isEqualTo("ci deploys");
        assertThat(key.get("scopes")).extracting(JsonNode::asText).containsExactly("viewer");
        assertThat(attack.verify("X-Auth-AccessKey", old).statusCode()).isEqualTo(401);
        HttpResponse<String> used = attack.verify("X-Auth-AccessKey", fresh);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");
        // the session the old secret opened ends with it
        HttpResponse<String> refresh = attack.refresh("viewer-gateway", "viewer-gateway-secret",
                grant.get("refresh_token").asText());
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
        // the list never shows a secret again
        HttpResponse<String> listed = Http.get(attack.url("/account/access-keys"), "Authorization", "Bearer " + erin);
        assertThat(listed.body()).contains(keyId).doesNotContain(fresh).doesNotContain("\"key\"");
        List<EventRepresentation> events = attack.realm().getEvents(List.of("UPDATE_CREDENTIAL"), null, erinId,
                null, null, null, 0, 10);
        assertThat(events).anySatisfy(event -> assertThat(event.getDetails()).containsEntry("legacy_auth_key_id", keyId));

        // the old record written back through Keycloak's user API does not bring the old secret back
        UserRepresentation user = attack.realm().users().get(erinId).toRepresentation();
        user.getAttributes().put("legacy-auth.access-key." + keyId, List.of(oldRecord));
        attack.realm().users().get(erinId).update(user);
        assertThat(attack.verify("X-Auth-AccessKey", old).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", fresh).statusCode()).isEqualTo(401); // its record is gone too
    }

    /**
     * Grants with the old secret racing the regeneration: a session the old secret opened, whenever it
     * committed, never refreshes afterwards; the new secret's sessions do.
     */
    @Test
    void sessionsTheOldSecretOpensWhileItIsReplacedDieWithIt() throws Exception {
        for (int round = 0; round < 3; round++) {
            String old = attack.createKey("erin", "{\"description\":\"raced\",\"scopes\":[\"viewer\"]}");
            String keyId = AttackRealm.keyId(old);
            String erinId = attack.userId("erin");
            String admin = attack.masterAdminToken();
            List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", old, null));
                if (i == 5) {
                    calls.add(() -> regenerate(erinId, keyId, admin));
                }
            }
            List<HttpResponse<String>> answers = AttackRealm.inParallel(calls);
            String fresh = null;
            List<String> refreshTokens = new java.util.ArrayList<>();
            for (HttpResponse<String> answer : answers) {
                JsonNode body = AttackRealm.json(answer);
                if (body.has("key")) {
                    fresh = body.get("key").asText();
                } else if (answer.statusCode() == 200) {
                    refreshTokens.add(body.get("refresh_token").asText());
                }
            }
            assertThat(fresh).as("the regeneration answered").isNotNull();
            for (String refreshToken : refreshTokens) {
                HttpResponse<String> refresh = attack.refresh("viewer-gateway", "viewer-gateway-secret", refreshToken);
                assertThat(refresh.statusCode()).as("round " + round + ": " + refresh.body()).isEqualTo(400);
            }
            JsonNode freshGrant = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret",
                    "X-Auth-AccessKey", fresh, null));
            assertThat(attack.refresh("viewer-gateway", "viewer-gateway-secret",
                    freshGrant.get("refresh_token").asText()).statusCode()).isEqualTo(200);
        }
    }

    /**
     * The generation credential removed in the admin console (as if it were a kill switch), then a copy of
     * a key record from before its regeneration written back: every record written by this version was
     * sealed under a generation, so nothing comes back.
     */
    @Test
    void removingTheGenerationCredentialRevivesNoOldRecord() throws Exception {
        String daveId = attack.userId("dave");
        String old = attack.createKey("dave", "{\"description\":\"first ever\"}");
        String keyId = AttackRealm.keyId(old);
        String copy = attack.realm().users().get(daveId).toRepresentation().getAttributes()
                .get("legacy-auth.access-key." + keyId).get(0);
        String fresh = AttackRealm.json(regenerate(daveId, keyId, attack.masterAdminToken())).get("key").asText();
        assertThat(attack.verify("X-Auth-AccessKey", old).statusCode()).isEqualTo(401);

        attack.realm().users().get(daveId).credentials().stream()
                .filter(credential -> "legacy-auth-record-generation".equals(credential.getType()))
                .forEach(credential -> attack.realm().users().get(daveId).removeCredential(credential.getId()));
        UserRepresentation dave = attack.realm().users().get(daveId).toRepresentation();
        dave.getAttributes().put("legacy-auth.access-key." + keyId, List.of(copy));
        attack.realm().users().get(daveId).update(dave);

        assertThat(attack.verify("X-Auth-AccessKey", old).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", fresh).statusCode()).isEqualTo(401);
    }

    /** An expired key is not brought back by a new secret: that would be a key past the per-user limit. */
    @Test
    void anExpiredKeyIsNotRegeneratedAndExpiredKeysHeldAreBounded() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyMaxPerUser", "2"));
        String timingId = attack.userId("timing");
        String admin = attack.masterAdminToken();
        String keys = attack.adminUrl("/legacy-auth/users/" + timingId + "/access-keys");
        for (JsonNode key : AttackRealm.json(Http.get(keys, "Authorization", "Bearer " + admin))) {
            Http.send(Http.request(keys + "/" + key.get("id").asText()).header("Authorization", "Bearer " + admin).DELETE());
        }
        for (int wave = 0; wave < 2; wave++) {
            String soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).toString();
            attack.createKey("timing", "{\"description\":\"wave " + wave + "\",\"expires_at\":\"" + soon + "\"}");
            attack.createKey("timing", "{\"description\":\"wave " + wave + "\",\"expires_at\":\"" + soon + "\"}");
            Thread.sleep(3000);
        }
        JsonNode held = AttackRealm.json(Http.get(keys, "Authorization", "Bearer " + admin));
        assertThat(held.findValuesAsText("state")).containsOnly("expired").hasSize(4);
        JsonNode expired = held.get(held.size() - 1); // the newest: any change keeps it
        assertThat(expired.get("state").asText()).isEqualTo("expired");

        HttpResponse<String> revived = regenerate(timingId, expired.get("id").asText(), admin);

        assertThat(revived.statusCode()).as(revived.body()).isEqualTo(409);
        assertThat(AttackRealm.json(revived).get("error_description").asText()).contains("expired");
        // of the four expired keys, a change keeps at most as many as active keys are allowed: the newest
        attack.createKey("timing", "{\"description\":\"after the waves\"}");
        JsonNode listed = AttackRealm.json(Http.get(keys, "Authorization", "Bearer " + admin));
        assertThat(listed.findValuesAsText("state")).containsExactlyInAnyOrder("expired", "expired", "active");
        assertThat(listed.findValuesAsText("description")).contains("wave 1").doesNotContain("wave 0");
    }

    @Test
    void anAdminRegeneratesWithAnAdminEventAndImportedOrUnknownKeysAreRefused() throws Exception {
        String erinId = attack.userId("erin");
        String old = attack.createKey("erin", "{\"description\":\"admin rotates\"}");
        String keyId = AttackRealm.keyId(old);
        String admin = attack.masterAdminToken();
        attack.realm().clearAdminEvents();

        HttpResponse<String> regenerated = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + erinId
                        + "/access-keys/" + keyId + "/regenerate"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(regenerated.statusCode()).as(regenerated.body()).isEqualTo(200);
        String fresh = AttackRealm.json(regenerated).get("key").asText();
        assertThat(attack.verify("X-Auth-AccessKey", old).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", fresh).statusCode()).isEqualTo(200);
        List<AdminEventRepresentation> events = attack.realm().getAdminEvents();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getOperationType()).isEqualTo("UPDATE");
            assertThat(event.getResourceType()).isEqualTo("LEGACY_AUTH_ACCESS_KEY");
            assertThat(event.getResourcePath()).contains(erinId).contains(keyId);
            assertThat(event.getRepresentation()).contains("admin rotates").doesNotContain(fresh);
        });

        // an imported key keeps its legacy secret: 409; an unknown id: 404; another user's key: 404
        HttpResponse<String> imported = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + erinId
                        + "/access-keys/import"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"secret\",\"secret\":\"kanboard-token-"
                        + "0123456789abcdef0123\",\"description\":\"legacy\"}")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String importedId = AttackRealm.json(imported).get("id").asText();
        assertThat(regenerate(erinId, importedId, admin).statusCode()).isEqualTo(409);
        assertThat(regenerate(erinId, "NoSuchK1", admin).statusCode()).isEqualTo(404);
        assertThat(regenerate(attack.userId("dave"), keyId, admin).statusCode()).isEqualTo(404);
        // a token the key itself obtained may not rotate it
        String keyToken = AttackRealm.json(attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", fresh,
                null)).get("access_token").asText();
        HttpResponse<String> byKey = Http.send(Http.request(attack.url("/account/access-keys/" + keyId + "/regenerate"))
                .header("Authorization", "Bearer " + keyToken).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(byKey.statusCode()).isIn(401, 403);
        assertThat(attack.verify("X-Auth-AccessKey", fresh).statusCode()).isEqualTo(200);
        // a realm user without admin roles may not
        assertThat(regenerate(erinId, keyId, attack.userToken("erin", "erin-Attack-1")).statusCode()).isEqualTo(403);
    }

    @Test
    void theLastUseShowsItsAddressAndARefusedGrantIsNoUse() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"from where\",\"scopes\":[\"viewer\"]}");
        String keys = attack.adminUrl("/legacy-auth/users/" + attack.userId("erin") + "/access-keys");
        // legacy-gateway's full scope would give the token erin's editor role, which the key does not grant
        HttpResponse<String> refused = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode unused = find(AttackRealm.json(Http.get(keys, "Authorization", "Bearer " + attack.masterAdminToken())),
                AttackRealm.keyId(key));
        assertThat(unused.get("last_used_at")).isNull();

        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);

        JsonNode listed = AttackRealm.json(Http.get(keys, "Authorization", "Bearer " + attack.masterAdminToken()));
        JsonNode used = find(listed, AttackRealm.keyId(key));
        assertThat(used.get("last_used_at").isNull()).isFalse();
        assertThat(used.get("last_used_ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void theRealmLimitsTheRolesKeysCarry() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyScopeRoles", "viewer"));
        String erin = attack.userToken("erin", "erin-Attack-1");

        JsonNode options = AttackRealm.json(Http.get(attack.url("/account/access-keys/options"),
                "Authorization", "Bearer " + erin));
        assertThat(options.get("scopes_limited").asBoolean()).isTrue();
        assertThat(options.get("scopes").findValuesAsText("name")).containsExactly("viewer");
        HttpResponse<String> editor = Http.send(Http.request(attack.url("/account/access-keys"))
                .header("Authorization", "Bearer " + erin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"too much\",\"scopes\":[\"editor\"]}")));
        assertThat(editor.statusCode()).isEqualTo(400);
        assertThat(AttackRealm.json(editor).get("error_description").asText()).contains("roles keys may carry");

        // a key without scopes acts with the allowed roles only; the API-access gate still asks the user's roles
        String unscoped = attack.createKey("erin", "{\"description\":\"all I may\"}");
        HttpResponse<String> used = attack.verify("X-Auth-AccessKey", unscoped);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");

        // lifting the limit gives the key its owner's roles again
        Realms.updateSettings(attack.realm(), Map.of("accessKeyScopeRoles", ""));
        assertThat(attack.verify("X-Auth-AccessKey", unscoped).headers().firstValue("X-Auth-Roles").orElse(""))
                .contains("editor").contains("viewer");
        // a role that does not exist cannot be saved
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("accessKeyScopeRoles", "viewer,no-such-role")))
                .hasMessageContaining("400");
    }

    @Test
    void theOptionsProposeTheAdminsDefaultLifetimeAndTellAUserWithoutApiAccess() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyMaxLifetimeDays", "90", "accessKeyDefaultLifetimeDays", "30"));
        JsonNode options = AttackRealm.json(Http.get(attack.url("/account/access-keys/options"),
                "Authorization", "Bearer " + attack.userToken("erin", "erin-Attack-1")));
        assertThat(options.get("max_lifetime_days").asInt()).isEqualTo(90);
        assertThat(options.get("default_lifetime_days").asInt()).isEqualTo(30);
        assertThat(options.get("expired_retention_days").asInt()).isEqualTo(30);
        assertThat(options.get("api_access").asBoolean()).isTrue();
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("accessKeyDefaultLifetimeDays", "120")))
                .hasMessageContaining("400");

        String timingId = attack.userId("timing");
        List<RoleRepresentation> apiAccess = List.of(attack.realm().roles().get("api-access").toRepresentation());
        attack.realm().users().get(timingId).roles().realmLevel().remove(apiAccess);
        try {
            JsonNode without = AttackRealm.json(Http.get(attack.url("/account/access-keys/options"),
                    "Authorization", "Bearer " + attack.userToken("timing", "timing-Attack-1")));
            assertThat(without.get("api_access").asBoolean()).isFalse();
        } finally {
            attack.realm().users().get(timingId).roles().realmLevel().add(apiAccess);
        }
    }

    @Test
    void anExpiredKeyLeavesTheListAfterTheGracePeriodAndIsRemovedAtTheNextChange() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("accessKeyExpiredRetentionDays", "0"));
        String erinId = attack.userId("erin");
        String key = attack.createKey("erin", "{\"description\":\"brief\",\"expires_at\":\""
                + Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        String keyId = AttackRealm.keyId(key);
        Thread.sleep(3500);

        String admin = attack.masterAdminToken();
        HttpResponse<String> listed = Http.get(attack.adminUrl("/legacy-auth/users/" + erinId + "/access-keys"),
                "Authorization", "Bearer " + admin);
        assertThat(listed.body()).doesNotContain(keyId);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
        assertThat(regenerate(erinId, keyId, admin).statusCode()).isEqualTo(404);

        attack.createKey("erin", "{\"description\":\"next change\"}");
        assertThat(attack.realm().users().get(erinId).toRepresentation().getAttributes())
                .doesNotContainKey("legacy-auth.access-key." + keyId);
    }

    @Test
    @Smoke
    void anAdminFindsALeakedKeyByItsIdOrItsTextAndRevokesIt() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"leaks\"}");
        String keyId = AttackRealm.keyId(key);
        String erinId = attack.userId("erin");
        String admin = attack.masterAdminToken();
        // a copy of the record planted on another user is not his key
        String record = attack.realm().users().get(erinId).toRepresentation().getAttributes()
                .get("legacy-auth.access-key." + keyId).get(0);
        String daveId = attack.userId("dave");
        UserRepresentation dave = attack.realm().users().get(daveId).toRepresentation();
        if (dave.getAttributes() == null) {
            dave.setAttributes(new java.util.HashMap<>());
        }
        dave.getAttributes().put("legacy-auth.access-key." + keyId, List.of(record));
        attack.realm().users().get(daveId).update(dave);

        JsonNode byId = search(keyId, admin, 200);
        assertThat(byId).hasSize(1);
        assertThat(byId.get(0).get("user_id").asText()).isEqualTo(erinId);
        assertThat(byId.get(0).get("username").asText()).isEqualTo("erin");
        assertThat(byId.get(0).get("key").get("id").asText()).isEqualTo(keyId);
        assertThat(byId.get(0).get("key").get("description").asText()).isEqualTo("leaks");
        assertThat(byId.toString()).doesNotContain(key);
        JsonNode byText = search(key, admin, 200);
        assertThat(byText).hasSize(1);
        assertThat(byText.get(0).get("user_id").asText()).isEqualTo(erinId);
        assertThat(search("NoSuchK1", admin, 200)).isEmpty();
        assertThat(search("lak_garbage", admin, 200)).isEmpty();
        JsonNode page = AttackRealm.json(Http.get(attack.adminUrl("/legacy-auth/access-keys?first=0&max=1"),
                "Authorization", "Bearer " + admin));
        assertThat(page).hasSize(1);
        assertThat(Http.get(attack.adminUrl("/legacy-auth/access-keys?max=0"), "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(400);
        assertThat(Http.get(attack.adminUrl("/legacy-auth/access-keys?max=abc"), "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(400);
        assertThat(Http.get(attack.adminUrl("/legacy-auth/access-keys?first=2147483648"), "Authorization",
                "Bearer " + admin).statusCode()).isEqualTo(400);
        assertThat(Http.get(attack.adminUrl("/legacy-auth/access-keys?max=101"), "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(400);
        assertThat(search("x".repeat(600), admin, 400)).isNotNull();
        // the realm's own user admin may; a user may not
        assertThat(search(keyId, attack.userToken("dave", "dave-Attack-1"), 200)).hasSize(1);
        search(keyId, attack.userToken("erin", "erin-Attack-1"), 403);

        HttpResponse<String> revoked = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/"
                + byId.get(0).get("user_id").asText() + "/access-keys/" + keyId))
                .header("Authorization", "Bearer " + admin).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
        assertThat(search(keyId, admin, 200)).isEmpty();
    }

    static JsonNode search(String text, String token, int status) throws Exception {
        HttpResponse<String> response = Http.get(attack.adminUrl("/legacy-auth/access-keys?search="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)), "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return AttackRealm.json(response);
    }

    static HttpResponse<String> regenerate(String userId, String keyId, String token) {
        return Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + userId + "/access-keys/" + keyId
                + "/regenerate")).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    static JsonNode find(JsonNode keys, String id) {
        for (JsonNode key : keys) {
            if (key.get("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no key " + id + " in " + keys);
    }
}
