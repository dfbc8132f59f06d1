package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * dave is a helpdesk admin ({@code view-users}, {@code manage-users}); his key is scoped to
 * {@code viewer}. Keycloak's admin API decides from the user's roles and the client's scope, not from a
 * token's role claims, so the attacker exchanges the key for a token and calls the admin API with it.
 */
class ScopedKeyTokenCannotUseAdminApiIT extends AttackRealmTest {

    @Test
    void aViewerKeyIsNotExchangedAtAFullScopeClient() throws Exception {
        String key = attack.createKey("dave", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        assertThat(attack.verify("X-Auth-AccessKey", key).headers().firstValue("X-Auth-Roles")).hasValue("viewer");

        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(grant.body()).doesNotContain("access_token");
    }

    @Test
    void aViewerKeysTokenFromAViewerScopedClientCannotListUsersOrMintKeys() throws Exception {
        String key = attack.createKey("dave", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        String token = AttackRealm.json(grant).get("access_token").asText();

        HttpResponse<String> users = Http.get(attack.adminUrl("/users"), "Authorization", "Bearer " + token);
        HttpResponse<String> mint = mint(attack.adminUrl("/legacy-auth/users/" + attack.userId("dave") + "/access-keys"), token);
        HttpResponse<String> account = Http.get(attack.server().realmUrl(AttackRealm.REALM) + "/account/",
                "Authorization", "Bearer " + token, "Accept", "application/json");

        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(mint.statusCode()).isEqualTo(403);
        assertThat(account.statusCode()).isIn(401, 403);
    }

    /**
     * An admin's unscoped key would give a token that resets the admin's own password (then a password
     * login mints a successor key that outlives the key's revocation): never exchanged for such a token.
     */
    @Test
    void anAdminsUnscopedKeyIsNeverAnAdminToken() throws Exception {
        String key = attack.createKey("dave", "{\"description\":\"all of dave's roles\"}");

        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(grant.body()).doesNotContain("access_token");
        // the same key at a client whose scope leaves the admin roles out is a viewer's token
        assertThat(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSessionOpenedWithAnUnscopedKeyNeverMintsKeys() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"all of erin's roles\"}");
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        String token = AttackRealm.json(grant).get("access_token").asText();

        HttpResponse<String> mintOwn = mint(attack.url("/account/access-keys"), token);

        assertThat(mintOwn.statusCode()).isIn(401, 403);
    }

    static void setAdminPermissions(boolean enabled) {
        HttpResponse<String> updated = Http.send(Http.request(attack.adminUrl(""))
                .header("Authorization", "Bearer " + attack.masterAdminToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"adminPermissionsEnabled\":" + enabled + "}")));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    @Test
    void aHelpdeskAdminGivesNoServiceAccountAKey() throws Exception {
        String daveToken = attack.userToken("dave", "dave-Attack-1");
        String serviceAccount = attack.userId("service-account-kanboard-app");

        HttpResponse<String> minted = mint(attack.adminUrl("/legacy-auth/users/" + serviceAccount + "/access-keys"), daveToken);
        HttpResponse<String> revoked = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + serviceAccount
                + "/access-keys/AAAAAAAA")).header("Authorization", "Bearer " + daveToken).DELETE());

        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(400);
        assertThat(minted.body()).doesNotContain("lak_");
        assertThat(revoked.statusCode()).isEqualTo(404);
    }

    @Test
    void aKeysTokenIsNeverExchanged() throws Exception {
        String key = attack.createKey("dave", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        String keyToken = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey",
                key, null)).get("access_token").asText();
        String ownToken = attack.userToken("dave", "dave-Attack-1");

        HttpResponse<String> exchanged = exchange(keyToken);
        HttpResponse<String> control = exchange(ownToken);

        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(400);
        assertThat(exchanged.body()).contains("opened with a legacy credential").doesNotContain("access_token");
        assertThat(control.body()).as("a token of Keycloak's own login goes on to Keycloak's own exchange")
                .doesNotContain("legacy credential");
    }

    /** Keycloak's standard token exchange (on for viewer-gateway), the subject token being {@code token}. */
    static HttpResponse<String> exchange(String token) {
        return Http.send(Http.request(attack.tokenEndpoint())
                .header("Authorization", Http.basic("viewer-gateway", "viewer-gateway-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&subject_token=" + token)));
    }

    /** Asks for a new unscoped key of dave at {@code url} with {@code token}. */
    static HttpResponse<String> mint(String url, String token) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"successor\"}")));
    }
}
