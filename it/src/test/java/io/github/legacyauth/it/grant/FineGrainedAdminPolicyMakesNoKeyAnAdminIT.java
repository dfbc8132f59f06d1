package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * Fine-grained admin permissions (v2, on by default in Keycloak 26.7) are evaluated against the user, not
 * a token's client or role scope: a user policy gives erin, who holds no admin role, {@code view} and
 * {@code manage} on bob. Her key is scoped to {@code viewer}; {@code viewer-gateway} has full scope off
 * and maps {@code viewer} only, as the README sets a key client up. A token from it would still
 * administer bob, so no legacy credential is exchanged for a token in such a realm.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FineGrainedAdminPolicyMakesNoKeyAnAdminIT extends AttackRealmTest {

    @BeforeAll
    static void erinManagesBob() throws Exception {
        ScopedKeyTokenCannotUseAdminApiIT.setAdminPermissions(true);
        String permissionsClient = AttackRealm.JSON.readTree(Http.get(attack.adminUrl(""),
                "Authorization", "Bearer " + attack.masterAdminToken()).body()).path("adminPermissionsClient").path("id").asText();
        String authz = attack.adminUrl("/clients/" + permissionsClient + "/authz/resource-server");
        HttpResponse<String> policy = post(authz + "/policy/user", "{\"name\":\"erin\",\"users\":[\"" + attack.userId("erin") + "\"]}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
        String policyId = AttackRealm.json(policy).get("id").asText();
        HttpResponse<String> permission = post(authz + "/permission/scope", "{\"name\":\"erin manages bob\","
                + "\"resourceType\":\"Users\",\"resources\":[\"" + attack.userId("bob") + "\"],"
                + "\"scopes\":[\"view\",\"manage\",\"reset-password\"],\"policies\":[\"" + policyId + "\"]}");
        assertThat(permission.statusCode()).as(permission.body()).isEqualTo(201);

        // and a group policy: members of "helpdesk" (bob) view and manage erin
        org.keycloak.representations.idm.GroupRepresentation helpdesk = new org.keycloak.representations.idm.GroupRepresentation();
        helpdesk.setName("helpdesk");
        try (var created = attack.realm().groups().add(helpdesk)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String groupId = attack.realm().groups().groups("helpdesk", 0, 1).get(0).getId();
        attack.realm().users().get(attack.userId("bob")).joinGroup(groupId);
        HttpResponse<String> groupPolicy = post(authz + "/policy/group", "{\"name\":\"helpdesk members\",\"groups\":[{\"id\":\""
                + groupId + "\",\"extendChildren\":false}]}");
        assertThat(groupPolicy.statusCode()).as(groupPolicy.body()).isEqualTo(201);
        HttpResponse<String> groupPermission = post(authz + "/permission/scope", "{\"name\":\"helpdesk manages erin\","
                + "\"resourceType\":\"Users\",\"resources\":[\"" + attack.userId("erin") + "\"],"
                + "\"scopes\":[\"view\",\"manage\"],\"policies\":[\"" + AttackRealm.json(groupPolicy).get("id").asText() + "\"]}");
        assertThat(groupPermission.statusCode()).as(groupPermission.body()).isEqualTo(201);
    }

    @AfterAll
    static void plainPermissionsAgain() {
        ScopedKeyTokenCannotUseAdminApiIT.setAdminPermissions(false);
    }

    @Test
    @Order(1)
    void erinsViewerKeyGivesNoTokenThatResetsBobsPassword() throws Exception {
        // control: the policy is in force - erin's own Keycloak login views bob
        String own = attack.userToken("erin", "erin-Attack-1");
        assertThat(Http.get(attack.adminUrl("/users/" + attack.userId("bob")), "Authorization", "Bearer " + own).statusCode())
                .isEqualTo(200);
        String key = attack.createKey("erin", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");

        HttpResponse<String> keyGrant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);
        HttpResponse<String> passwordGrant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("erin:erin-Attack-1"), null);
        HttpResponse<String> bearer = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("erin", "erin-Attack-1")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(keyGrant.statusCode()).as(keyGrant.body()).isEqualTo(400);
        assertThat(keyGrant.body()).contains("fine-grained admin permissions").doesNotContain("access_token");
        assertThat(passwordGrant.statusCode()).as(passwordGrant.body()).isEqualTo(400);
        assertThat(passwordGrant.body()).doesNotContain("access_token");
        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(403);
        assertThat(bearer.body()).doesNotContain("Bearer");
        // forward authentication needs no token: the key still answers /verify
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void bobsGroupGivesHisKeyAndPasswordNoTokenEither() throws Exception {
        // control: the group policy is in force - bob's own Keycloak login views erin
        String own = attack.userToken("bob", "bob-Attack-1");
        assertThat(Http.get(attack.adminUrl("/users/" + attack.userId("erin")), "Authorization", "Bearer " + own).statusCode())
                .isEqualTo(200);
        String key = attack.createKey("bob", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");

        HttpResponse<String> keyGrant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);
        HttpResponse<String> passwordGrant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("bob:bob-Attack-1"), null);

        assertThat(keyGrant.statusCode()).as(keyGrant.body()).isEqualTo(400);
        assertThat(passwordGrant.statusCode()).as(passwordGrant.body()).isEqualTo(400);
        assertThat(keyGrant.body() + passwordGrant.body()).doesNotContain("access_token");
    }

    /** A refresh token obtained before the realm turned fine-grained permissions on is refused after. */
    @Test
    @Order(3)
    void aKeySessionFromBeforeEndsAtItsNextRefresh() throws Exception {
        ScopedKeyTokenCannotUseAdminApiIT.setAdminPermissions(false);
        String key = attack.createKey("erin", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);
        ScopedKeyTokenCannotUseAdminApiIT.setAdminPermissions(true);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);

        HttpResponse<String> refreshed = attack.refresh("viewer-gateway", "viewer-gateway-secret",
                AttackRealm.json(grant).get("refresh_token").asText());

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.body()).doesNotContain("access_token");
    }

    private static HttpResponse<String> post(String url, String json) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + attack.masterAdminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
