package io.github.legacyauth.it.bearer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * A password alone, at a legacy door, must not become a token that administers or manages the account:
 * Keycloak's admin API decides from the user's roles within the token client's scope, the account API
 * from the token's {@code account} audience and roles. dave is a helpdesk admin ({@code manage-users}).
 */
class PasswordTokenCannotAdministerIT extends AttackRealmTest {

    @Test
    void aBearerOfAIsNoAdminTokenNorAnAccountToken() throws Exception {
        String bearer = bearer("dave", "dave-Attack-1");
        JsonNode claims = claims(bearer);

        HttpResponse<String> users = Http.get(attack.adminUrl("/users"), "Authorization", "Bearer " + bearer);
        HttpResponse<String> account = Http.get(attack.server().realmUrl(AttackRealm.REALM) + "/account/",
                "Authorization", "Bearer " + bearer, "Accept", "application/json");
        HttpResponse<String> ownKey = mint(attack.url("/account/access-keys"), bearer);
        HttpResponse<String> victimKey = mint(attack.adminUrl("/legacy-auth/users/" + attack.userId("bob") + "/access-keys"),
                bearer);

        assertThat(claims.path("aud").toString()).doesNotContain("account").doesNotContain("realm-management");
        assertThat(claims.path("resource_access").has("realm-management")).isFalse();
        assertThat(claims.path("resource_access").has("account")).isFalse();
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(account.statusCode()).isIn(401, 403);
        assertThat(ownKey.statusCode()).isIn(401, 403);
        assertThat(victimKey.statusCode()).isEqualTo(403);
        assertThat(ownKey.body() + victimKey.body()).doesNotContain("lak_");
    }

    /** The settings page refuses a client whose tokens could administer, and /a refuses one set up later. */
    @Test
    void aFullScopeClientIssuesNoBearer() throws Exception {
        assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("bearerClient", "legacy-gateway")))
                .hasMessageContaining("400");

        setFullScope("zettel-api", true);
        try {
            HttpResponse<String> login = login("dave", "dave-Attack-1");

            assertThat(login.statusCode()).as(login.body()).isEqualTo(403);
            assertThat(login.body()).doesNotContain("Bearer");
        } finally {
            setFullScope("zettel-api", false);
        }
    }

    /**
     * A client admin adds mappers to the /a client that put the account audience and role into its tokens.
     * The account API expands a token without the account audience again through introspection, with the
     * client's mappers: the extension's mapper must be there to take them out, and /a issues nothing without it.
     */
    @Test
    void mappersThatAddAccountClaimsGiveNoAccountToken() throws Exception {
        var zettel = attack.realm().clients().get(attack.realm().clients().findByClientId("zettel-api").get(0).getId());
        org.keycloak.representations.idm.ProtocolMapperRepresentation audience = mapper("account audience",
                "oidc-audience-mapper", Map.of("included.client.audience", "account", "access.token.claim", "true",
                        "introspection.token.claim", "true"));
        org.keycloak.representations.idm.ProtocolMapperRepresentation role = mapper("account role",
                "oidc-hardcoded-role-mapper", Map.of("role", "account.manage-account"));
        zettel.getProtocolMappers().createMapper(audience).close();
        zettel.getProtocolMappers().createMapper(role).close();
        org.keycloak.representations.idm.ProtocolMapperRepresentation ours = zettel.getProtocolMappers().getMappers().stream()
                .filter(m -> "legacy-auth-key-scope-mapper".equals(m.getProtocolMapper())).findFirst().orElseThrow();
        try {
            String bearer = bearer("erin", "erin-Attack-1");
            assertThat(accountApiAnswers(bearer)).allSatisfy(status -> assertThat(status).isIn(401, 403));

            zettel.getProtocolMappers().delete(ours.getId());
            HttpResponse<String> unmapped = login("erin", "erin-Attack-1");
            assertThat(unmapped.statusCode()).as(unmapped.body()).isEqualTo(403);
            assertThatThrownBy(() -> Realms.updateSettings(attack.realm(), Map.of("bearerClient", "zettel-api")))
                    .hasMessageContaining("400");
        } finally {
            zettel.getProtocolMappers().getMappers().stream()
                    .filter(m -> "account audience".equals(m.getName()) || "account role".equals(m.getName()))
                    .forEach(m -> zettel.getProtocolMappers().delete(m.getId()));
            if (zettel.getProtocolMappers().getMappers().stream()
                    .noneMatch(m -> "legacy-auth-key-scope-mapper".equals(m.getProtocolMapper()))) {
                ours.setId(null);
                zettel.getProtocolMappers().createMapper(ours).close();
            }
        }
        assertThat(attack.realm().users().get(attack.userId("erin")).toRepresentation().getEmail()).isEqualTo("erin@attack.test");
    }

    /**
     * What Keycloak's account API answers erin's token: reading her profile, and changing her e-mail (with a
     * new address, "forgot password" hands out her password).
     */
    static java.util.List<Integer> accountApiAnswers(String token) {
        String account = attack.server().realmUrl(AttackRealm.REALM) + "/account/";
        HttpResponse<String> read = Http.get(account, "Authorization", "Bearer " + token, "Accept", "application/json");
        HttpResponse<String> email = Http.send(Http.request(account)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"email\":\"attacker@evil.test\","
                        + "\"firstName\":\"Erin\",\"lastName\":\"Api\"}")));
        return java.util.List.of(read.statusCode(), email.statusCode());
    }

    static org.keycloak.representations.idm.ProtocolMapperRepresentation mapper(String name, String type,
                                                                               Map<String, String> config) {
        org.keycloak.representations.idm.ProtocolMapperRepresentation mapper = new org.keycloak.representations.idm.ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        mapper.setConfig(new java.util.HashMap<>(config));
        return mapper;
    }

    /** The header grant at a full-scope client: dave's helpdesk roles would be in the token's scope. */
    @Test
    void anAdminsPasswordIsNotExchangedForAnAdminToken() throws Exception {
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-API-Auth",
                Http.b64("dave:dave-Attack-1"), null);

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(grant.body()).doesNotContain("access_token");
    }

    /** erin holds no admin role: her header grant's token works, but not at the account API. */
    @Test
    void aPasswordGrantsTokenIsNoAccountToken() throws Exception {
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-API-Auth",
                Http.b64("erin:erin-Attack-1"), "scope=openid");
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        String token = AttackRealm.json(grant).get("access_token").asText();
        String refreshToken = AttackRealm.json(grant).get("refresh_token").asText();

        java.util.List<Integer> account = accountApiAnswers(token);
        HttpResponse<String> refreshed = attack.refresh("legacy-gateway", "gateway-secret", refreshToken);

        assertThat(claims(token).path("aud").toString()).doesNotContain("account");
        assertThat(account).allSatisfy(status -> assertThat(status).isIn(401, 403));
        assertThat(attack.realm().users().get(attack.userId("erin")).toRepresentation().getEmail()).isEqualTo("erin@attack.test");
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(claims(AttackRealm.json(refreshed).get("access_token").asText()).path("aud").toString())
                .doesNotContain("account");
    }

    /** A password session's token is never exchanged for a token of another client. */
    @Test
    void aPasswordSessionsTokenIsNeverExchanged() throws Exception {
        String token = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("erin:erin-Attack-1"), null)).get("access_token").asText();

        HttpResponse<String> exchanged = Http.send(Http.request(attack.tokenEndpoint())
                .header("Authorization", Http.basic("viewer-gateway", "viewer-gateway-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&subject_token=" + token)));

        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(400);
        assertThat(exchanged.body()).contains("legacy credential").doesNotContain("access_token");
    }

    static void setFullScope(String clientId, boolean fullScope) {
        ClientRepresentation client = attack.realm().clients().findByClientId(clientId).get(0);
        client.setFullScopeAllowed(fullScope);
        attack.realm().clients().get(client.getId()).update(client);
    }

    static HttpResponse<String> login(String username, String password) {
        return Http.send(Http.request(attack.url("/a")).header("Authorization", Http.basic(username, password))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The token of a {@code POST /a} answer {@code ("Bearer" "<token>" <seconds>)}. */
    static String bearer(String username, String password) {
        HttpResponse<String> login = login(username, password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return login.body().split("\"")[3];
    }

    static JsonNode claims(String jwt) throws Exception {
        return AttackRealm.JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static HttpResponse<String> mint(String url, String token) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"successor\"}")));
    }
}
