package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * Keycloak 26.7.3's JWT authorization grant issues a token of the requesting client for the subject of
 * an identity provider's assertion. An admin sets up an identity provider that trusts the realm's own
 * issuer and keys, links dave to it, and gives the gateways an audience naming the issuer: a legacy
 * token of dave's would then be the assertion for {@code victim}, a full-scope client, whose token lists
 * dave's helpdesk roles. The grant takes no token of a legacy session as its assertion.
 */
class JwtAuthorizationGrantTakesNoLegacyTokenIT extends AttackRealmTest {

    static String issuer;

    @BeforeAll
    static void aRealmThatTrustsItself() {
        issuer = attack.server().realmUrl(AttackRealm.REALM);
        created(post(attack.adminUrl("/identity-provider/instances"), "{\"alias\":\"self\",\"providerId\":\"jwt-authorization-grant\","
                + "\"enabled\":true,\"config\":{\"issuer\":\"" + issuer + "\",\"jwksUrl\":\"" + issuer + "/protocol/openid-connect/certs\","
                + "\"useJwksUrl\":\"true\",\"validateSignature\":\"true\",\"jwtAuthorizationGrantEnabled\":\"true\"}}"));
        created(post(attack.adminUrl("/users/" + attack.userId("dave") + "/federated-identity/self"),
                "{\"identityProvider\":\"self\",\"userId\":\"" + attack.userId("dave") + "\",\"userName\":\"dave\"}"));
        created(post(attack.adminUrl("/clients"), "{\"clientId\":\"victim\",\"secret\":\"victim-secret\",\"publicClient\":false,"
                + "\"fullScopeAllowed\":true,\"attributes\":{\"oauth2.jwt.authorization.grant.enabled\":\"true\","
                + "\"oauth2.jwt.authorization.grant.idp\":\"self\"}}"));
        // plain: Keycloak's own password grant, no roles in scope (so the issuer is its tokens' only audience)
        created(post(attack.adminUrl("/clients"), "{\"clientId\":\"plain\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"fullScopeAllowed\":false}"));
        for (String client : new String[] {"viewer-gateway", "plain"}) {
            String id = attack.realm().clients().findByClientId(client).get(0).getId();
            created(post(attack.adminUrl("/clients/" + id + "/protocol-mappers/models"), "{\"name\":\"issuer audience\","
                    + "\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
                    + "\"included.custom.audience\":\"" + issuer + "\",\"access.token.claim\":\"true\"}}"));
        }
    }

    @Test
    void aHeaderPasswordsTokenIsNoAssertion() throws Exception {
        // control: the grant takes a token of Keycloak's own login as the assertion
        HttpResponse<String> ownLogin = Http.send(Http.request(attack.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=plain&username=dave&password=dave-Attack-1")));
        assertThat(ownLogin.statusCode()).as(ownLogin.body()).isEqualTo(200);
        HttpResponse<String> own = jwtGrant(AttackRealm.json(ownLogin).get("access_token").asText());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

        String legacy = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("dave:dave-Attack-1"), null)).get("access_token").asText();
        HttpResponse<String> taken = jwtGrant(legacy);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(400);
        assertThat(taken.body()).contains("legacy credential").doesNotContain("access_token");
    }

    static HttpResponse<String> jwtGrant(String assertion) {
        return Http.send(Http.request(attack.tokenEndpoint()).header("Authorization", Http.basic("victim", "victim-secret"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion="
                        + assertion)));
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isIn(201, 204);
    }

    private static HttpResponse<String> post(String url, String json) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + attack.masterAdminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
