package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPAttributeRequired;
import org.keycloak.representations.userprofile.config.UPConfig;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * The realm's user profile comes to require a department, which erin lacks. Keycloak's own login sends
 * her to complete her profile ({@code VERIFY_PROFILE}, computed, never stored on her) and its password
 * grant refuses her; no legacy door may let her through, with her password or her key.
 */
class IncompleteProfileIsRefusedIT extends AttackRealmTest {

    @Test
    void anIncompleteProfileIsRefusedEverywhereUntilCompleted() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"erin's script\"}");
        UPConfig before = attack.realm().users().userProfile().getConfiguration();
        UPConfig requiring = attack.realm().users().userProfile().getConfiguration();
        UPAttribute department = new UPAttribute("department");
        department.setRequired(new UPAttributeRequired(Set.of("user"), Set.of()));
        department.setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin", "user")));
        requiring.addOrReplaceAttribute(department);
        attack.realm().users().userProfile().update(requiring);
        try {
            HttpResponse<String> keycloaksOwn = Http.send(Http.request(attack.tokenEndpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=account-cli&username=erin"
                            + "&password=erin-Attack-1")));
            assertThat(keycloaksOwn.statusCode()).as(keycloaksOwn.body()).isEqualTo(400);
            assertThat(keycloaksOwn.body()).contains("not fully set up");

            HttpResponse<String> basic = attack.verify("Authorization", Http.basic("erin", "erin-Attack-1"));
            HttpResponse<String> byKey = attack.verify("X-Auth-AccessKey", key);
            HttpResponse<String> bearer = Http.send(Http.request(attack.url("/a"))
                    .header("Authorization", Http.basic("erin", "erin-Attack-1")).POST(HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);

            assertThat(List.of(basic, byKey, bearer)).allSatisfy(response ->
                    assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(403));
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
            assertThat(AttackRealm.json(grant).get("error_description").asText()).contains("not fully set up");

            UserRepresentation erin = attack.realm().users().get(attack.userId("erin")).toRepresentation();
            erin.setAttributes(Map.of("department", List.of("accounts")));
            attack.realm().users().get(erin.getId()).update(erin);
            assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-1")).statusCode()).isEqualTo(200);
            assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        } finally {
            attack.realm().users().userProfile().update(before);
        }
    }
}
