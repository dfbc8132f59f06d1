package io.github.legacyauth.it.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/**
 * dave may manage users but not clients, so the extension will not make him an application token. He
 * writes the token's record into the service account's attributes through Keycloak's own user API
 * instead, with a seal of his own invention: the record is there, and it opens nothing.
 */
@ExtendWith(RealKeycloak.class)
class PlantedAppTokenIsRefusedIT {

    static AttackRealm attack;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        attack = AttackRealm.importFresh(keycloak);
        Realms.letUsersEditUnmanagedAttributes(attack.realm());
    }

    @Test
    void aRecordWrittenThroughTheUserApiIsNoApplicationToken() throws Exception {
        String daveToken = attack.userToken("dave", "dave-Attack-1");
        HttpResponse<String> refused = Http.send(Http.request(attack.adminUrl("/legacy-auth/app-tokens"))
                .header("Authorization", "Bearer " + daveToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"not allowed\"}")));
        assertThat(refused.statusCode()).isEqualTo(403);

        String token = "planted-application-token-0123456789";
        String attribute = "legacy-auth.app-token." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        String serviceAccount = attack.userId("service-account-kanboard-app");
        UserRepresentation user = attack.realm().users().get(serviceAccount).toRepresentation();
        user.setAttributes(Map.of(attribute, List.of(
                "{\"id\":\"planted\",\"description\":\"x\",\"created\":1795392000,\"seal\":\"s1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")));
        HttpResponse<String> planted = Http.send(Http.request(attack.adminUrl("/users/" + serviceAccount))
                .header("Authorization", "Bearer " + daveToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(AttackRealm.JSON.writeValueAsString(user))));
        assertThat(planted.statusCode()).as(planted.body()).isEqualTo(204);
        assertThat(attack.realm().users().get(serviceAccount).toRepresentation().getAttributes()).containsKey(attribute);

        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", token)).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-API-Auth", Http.b64("jsonrpc:" + token)).statusCode()).isEqualTo(401);
    }
}
