package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * dave (helpdesk: {@code manage-users}) holds a bearer of {@code /a}. Later an admin widens the bearer
 * client's scope, and dave's password is reset (he left the team). His old bearer must not mint a key for
 * anyone at the extension's admin endpoints: a session a legacy password opened manages nothing there,
 * and neither does one whose password has changed.
 */
class PasswordResetHelpdeskBearerCannotMintIT extends AttackRealmTest {

    @Test
    void anOldBearerMintsNoKeyAfterThePasswordReset() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("dave", "dave-Attack-1")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String bearer = login.body().split("\"")[3];
        setFullScope(true);
        try {
            attack.resetPassword("dave", "dave-Attack-2");

            HttpResponse<String> minted = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/"
                            + attack.userId("bob") + "/access-keys"))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"dave's way back in\"}")));
            HttpResponse<String> listed = Http.get(attack.adminUrl("/legacy-auth/access-keys"), "Authorization", "Bearer " + bearer);

            assertThat(minted.statusCode()).as(minted.body()).isEqualTo(403);
            assertThat(minted.body()).doesNotContain("lak_");
            assertThat(listed.statusCode()).isEqualTo(403);
            assertThat(attack.verify("Authorization", "Bearer " + bearer).statusCode()).isEqualTo(401);
        } finally {
            setFullScope(false);
            attack.resetPassword("dave", "dave-Attack-1");
        }
    }

    private static void setFullScope(boolean fullScope) {
        ClientRepresentation client = attack.realm().clients().findByClientId("zettel-api").get(0);
        client.setFullScopeAllowed(fullScope);
        attack.realm().clients().get(client.getId()).update(client);
    }
}
