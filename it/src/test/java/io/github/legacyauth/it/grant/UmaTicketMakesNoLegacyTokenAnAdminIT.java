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
 * Keycloak's UMA ticket grant turns a token the caller holds into a token (an RPT) of a resource server,
 * computed with that server's role scope: {@code rs} has full scope and Authorization Services, with one
 * permission for viewers. The RPT keeps the legacy session and lists dave's {@code realm-management}
 * roles in its claims, which Keycloak's admin API honours; so a viewer key, a password in the custom
 * header or an {@code /a} bearer would each become a helpdesk admin's token.
 */
class UmaTicketMakesNoLegacyTokenAnAdminIT extends AttackRealmTest {

    @BeforeAll
    static void aResourceServer() throws Exception {
        HttpResponse<String> client = post(attack.adminUrl("/clients"), "{\"clientId\":\"rs\",\"secret\":\"rs-secret\","
                + "\"publicClient\":false,\"serviceAccountsEnabled\":true,\"authorizationServicesEnabled\":true,"
                + "\"fullScopeAllowed\":true}");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        String rs = attack.realm().clients().findByClientId("rs").get(0).getId();
        String authz = attack.adminUrl("/clients/" + rs + "/authz/resource-server");
        HttpResponse<String> resource = post(authz + "/resource", "{\"name\":\"docs\"}");
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(201);
        String viewer = attack.realm().roles().get("viewer").toRepresentation().getId();
        HttpResponse<String> policy = post(authz + "/policy/role", "{\"name\":\"viewers\",\"roles\":[{\"id\":\"" + viewer + "\"}]}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
        HttpResponse<String> permission = post(authz + "/permission/resource", "{\"name\":\"viewers read docs\",\"resources\":[\""
                + AttackRealm.json(resource).get("_id").asText() + "\"],\"policies\":[\"" + AttackRealm.json(policy).get("id").asText() + "\"]}");
        assertThat(permission.statusCode()).as(permission.body()).isEqualTo(201);
    }

    @Test
    void noLegacyTokenBecomesAnRpt() throws Exception {
        // control: Keycloak's grant still answers a token of Keycloak's own login
        HttpResponse<String> own = uma(attack.userToken("dave", "dave-Attack-1"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

        String key = attack.createKey("dave", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        String keyToken = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null))
                .get("access_token").asText();
        String passwordToken = AttackRealm.json(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-API-Auth",
                Http.b64("dave:dave-Attack-1"), null)).get("access_token").asText();
        HttpResponse<String> login = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("dave", "dave-Attack-1")).POST(HttpRequest.BodyPublishers.noBody()));
        String bearer = login.body().split("\"")[3];
        assertThat(Http.get(attack.adminUrl("/users"), "Authorization", "Bearer " + keyToken).statusCode()).isEqualTo(403);

        for (String token : new String[] {keyToken, passwordToken, bearer}) {
            HttpResponse<String> rpt = uma(token);
            HttpResponse<String> bySubjectToken = Http.send(Http.request(attack.tokenEndpoint())
                    .header("Authorization", Http.basic("rs", "rs-secret"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:uma-ticket"
                            + "&audience=rs&subject_token=" + token)));

            assertThat(rpt.statusCode()).as(rpt.body()).isEqualTo(400);
            assertThat(bySubjectToken.statusCode()).as(bySubjectToken.body()).isEqualTo(400);
            assertThat(rpt.body() + bySubjectToken.body()).contains("legacy credential").doesNotContain("access_token");
        }
    }

    /** The UMA grant with {@code token} as the bearer, for the resource server {@code rs}. */
    static HttpResponse<String> uma(String token) {
        return Http.send(Http.request(attack.tokenEndpoint()).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ietf:params:oauth:grant-type:uma-ticket&audience=rs")));
    }

    private static HttpResponse<String> post(String url, String json) {
        return Http.send(Http.request(url).header("Authorization", "Bearer " + attack.masterAdminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
