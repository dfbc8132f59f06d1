package io.github.legacyauth.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * The realm's one settings object through the extension's own endpoint (what its settings page uses, with
 * or without Keycloak's experimental declarative UI): grouped by scheme, refusals naming their field, the
 * seal secret never shown nor taken, only for realm admins.
 */
class SettingsApiIT extends AttackRealmTest {

    static String url;

    @BeforeAll
    static void adminEvents() {
        url = attack.adminUrl("/legacy-auth/settings");
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setAdminEventsEnabled(true);
        realm.setAdminEventsDetailsEnabled(true);
        attack.realm().update(realm);
    }

    @Test
    void theSettingsComeGroupedBySchemeWithoutTheSealSecret() throws Exception {
        HttpResponse<String> response = Http.get(url, "Authorization", "Bearer " + attack.masterAdminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = AttackRealm.json(response);
        assertThat(page.get("settings").get("headerName").asText()).isEqualTo("X-API-Auth");
        assertThat(page.get("settings").get("accessKeyEnabled").asText()).isEqualTo("true");
        assertThat(page.get("settings").get("accessKeyScopeRoles").isArray()).isTrue();
        assertThat(page.get("groups").findValuesAsText("toggle")).contains("basicEnabled", "appApiEnabled",
                "headerEnabled", "accessKeyEnabled", "tokenPairEnabled", "sessionCookieEnabled", "bearerEnabled");
        JsonNode keys = group(page, "accessKeyEnabled");
        assertThat(keys.get("fields").findValuesAsText("name")).contains("accessKeyMaxPerUser", "accessKeyScopeRoles");
        assertThat(keys.get("fields").findValuesAsText("type")).contains("boolean", "Integer", "MultivaluedString");
        String seal = Realms.settings(attack.realm()).getConfig().getFirst("recordSealKey");
        assertThat(seal).isNotBlank();
        assertThat(response.body()).doesNotContain("recordSealKey").doesNotContain(seal).doesNotContain("displayName");
    }

    @Test
    @Smoke
    void aRefusalNamesItsFieldAndNothingIsSaved() throws Exception {
        String admin = attack.masterAdminToken();
        assertRefused(put("{\"settings\":{\"headerName\":\"Authorization\"}}", admin), "headerName", "reserved");
        assertRefused(put("{\"settings\":{\"accessKeyMaxLifetimeDays\":\"ninety\"}}", admin), "accessKeyMaxLifetimeDays",
                "whole number");
        assertRefused(put("{\"settings\":{\"accessKeyScopeRoles\":[\"viewer\",\"no-such-role\"]}}", admin),
                "accessKeyScopeRoles", "no-such-role");
        assertRefused(put("{\"settings\":{\"apiAccessRole\":\"nobody\"}}", admin), "apiAccessRole", "does not exist");
        assertRefused(put("{\"settings\":{\"recordSealKey\":\"AAAA\"}}", admin), "recordSealKey", "not a setting");
        assertRefused(put("{\"settings\":{\"headerName\":{\"x\":1}}}", admin), "headerName", "value");
        assertThat(put("{\"settings\":\"no\"}", admin).statusCode()).isEqualTo(400);
        assertThat(put("not json", admin).statusCode()).isEqualTo(400);

        assertThat(Realms.settings(attack.realm()).getConfig().getFirst("headerName")).isEqualTo("X-API-Auth");
        assertThat(Realms.settings(attack.realm()).getConfig().getFirst("apiAccessRole")).isEqualTo("api-access");
    }

    @Test
    @Smoke
    void aSaveAppliesToTheNextRequestKeepsTheSealAndIsAnAdminEvent() throws Exception {
        String admin = attack.masterAdminToken();
        String seal = Realms.settings(attack.realm()).getConfig().getFirst("recordSealKey");
        String key = attack.createKey("erin", "{\"description\":\"survives a save\"}");
        attack.realm().clearAdminEvents();

        HttpResponse<String> saved = put("{\"settings\":{\"headerName\":\"X-Legacy-Auth\",\"accessKeyScopeRoles\":"
                + "[\"viewer\",\"editor\"],\"accessKeyMaxPerUser\":12}}", admin);
        try {
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            JsonNode page = AttackRealm.json(saved);
            assertThat(page.get("settings").get("headerName").asText()).isEqualTo("X-Legacy-Auth");
            assertThat(page.get("settings").get("accessKeyMaxPerUser").asText()).isEqualTo("12");
            assertThat(page.get("settings").get("accessKeyScopeRoles")).extracting(JsonNode::asText)
                    .containsExactly("viewer", "editor");
            assertThat(Realms.settings(attack.realm()).getConfig().getFirst("recordSealKey")).isEqualTo(seal);
            String credential = Http.b64("erin:erin-Attack-1");
            assertThat(attack.verify("X-Legacy-Auth", credential).statusCode()).isEqualTo(200);
            assertThat(attack.verify("X-API-Auth", credential).statusCode()).isEqualTo(401);
            assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200); // the seal held
            List<AdminEventRepresentation> events = attack.realm().getAdminEvents();
            assertThat(events).anySatisfy(event -> {
                assertThat(event.getOperationType()).isEqualTo("UPDATE");
                assertThat(event.getResourceType()).isEqualTo("LEGACY_AUTH_SETTINGS");
                assertThat(event.getRepresentation()).contains("X-Legacy-Auth").doesNotContain(seal);
            });
        } finally {
            assertThat(put("{\"settings\":{\"headerName\":\"X-API-Auth\",\"accessKeyScopeRoles\":[],"
                    + "\"accessKeyMaxPerUser\":null}}", admin).statusCode()).isEqualTo(200);
        }
        assertThat(Realms.settings(attack.realm()).getConfig().get("accessKeyScopeRoles")).isNull();
    }

    @Test
    void onlyRealmAdminsReadOrSave() throws Exception {
        String erin = attack.userToken("erin", "erin-Attack-1");
        assertThat(Http.get(url, "Authorization", "Bearer " + erin).statusCode()).isEqualTo(403);
        // dave manages users, not the realm
        String dave = attack.userToken("dave", "dave-Attack-1");
        assertThat(Http.get(url, "Authorization", "Bearer " + dave).statusCode()).isEqualTo(403);
        assertThat(put("{\"settings\":{\"headerName\":\"X-Dave\"}}", dave).statusCode()).isEqualTo(403);
        assertThat(Http.get(url).statusCode()).isEqualTo(401);
        assertThat(Realms.settings(attack.realm()).getConfig().getFirst("headerName")).isEqualTo("X-API-Auth");
    }

    static HttpResponse<String> put(String body, String token) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    static void assertRefused(HttpResponse<String> response, String field, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = AttackRealm.json(response);
        assertThat(body.get("field").asText()).isEqualTo(field);
        assertThat(body.get("error_description").asText()).contains(reason);
    }

    static JsonNode group(JsonNode page, String toggle) {
        for (JsonNode group : page.get("groups")) {
            if (toggle.equals(group.path("toggle").asText())) {
                return group;
            }
        }
        throw new AssertionError("no group " + toggle);
    }
}
