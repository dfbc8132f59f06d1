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
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * dave may manage users but not clients, so the extension will not make him an application token. He
 * writes the token's record into the service account's attributes through Keycloak's own user API
 * instead, with a seal of his own invention: the record is there, and it opens nothing.
 */
class PlantedAppTokenIsRefusedIT extends AttackRealmTest {

    @BeforeAll
    static void configure() {
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

    /** dave keeps the service account's representation, an admin revokes a token, dave writes the copy back. */
    @Test
    void aRevokedTokensRecordWrittenBackStaysRevoked() throws Exception {
        String token = createToken("replayed");
        String serviceAccount = attack.userId("service-account-kanboard-app");
        String daveToken = attack.userToken("dave", "dave-Attack-1");
        String copy = Http.get(attack.adminUrl("/users/" + serviceAccount), "Authorization", "Bearer " + daveToken).body();
        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", token)).statusCode()).isEqualTo(200);

        revoke(idOf("replayed"));
        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", token)).statusCode()).isEqualTo(401);
        HttpResponse<String> writtenBack = Http.send(Http.request(attack.adminUrl("/users/" + serviceAccount))
                .header("Authorization", "Bearer " + daveToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(copy)));
        assertThat(writtenBack.statusCode()).as(writtenBack.body()).isEqualTo(204);

        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", token)).statusCode()).isEqualTo(401);
    }

    /** dave plants records carrying a real token's id, hoping the admin's revocation removes one of them instead. */
    @Test
    void aPlantedDecoyDoesNotSoakUpARevocation() throws Exception {
        String token = createToken("decoyed");
        String id = idOf("decoyed");
        String serviceAccount = attack.userId("service-account-kanboard-app");
        UserRepresentation user = attack.realm().users().get(serviceAccount).toRepresentation();
        Map<String, List<String>> attributes = new java.util.HashMap<>(user.getAttributes());
        for (int i = 0; i < 8; i++) {
            attributes.put("legacy-auth.app-token.decoy" + i, List.of("{\"id\":\"" + id + "\",\"created\":1}"));
        }
        user.setAttributes(attributes);
        assertThat(Http.send(Http.request(attack.adminUrl("/users/" + serviceAccount))
                .header("Authorization", "Bearer " + attack.userToken("dave", "dave-Attack-1"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(AttackRealm.JSON.writeValueAsString(user)))).statusCode())
                .isEqualTo(204);

        revoke(id);

        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", token)).statusCode()).isEqualTo(401);
    }

    static String createToken(String description) throws Exception {
        HttpResponse<String> created = Http.send(Http.request(attack.adminUrl("/legacy-auth/app-tokens"))
                .header("Authorization", "Bearer " + attack.masterAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"" + description + "\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        return AttackRealm.json(created).get("token").asText();
    }

    static String idOf(String description) throws Exception {
        for (var token : AttackRealm.JSON.readTree(Http.get(attack.adminUrl("/legacy-auth/app-tokens"),
                "Authorization", "Bearer " + attack.masterAdminToken()).body())) {
            if (description.equals(token.get("description").asText())) {
                return token.get("id").asText();
            }
        }
        throw new AssertionError("no token " + description);
    }

    static void revoke(String id) {
        assertThat(Http.send(Http.request(attack.adminUrl("/legacy-auth/app-tokens/" + id))
                .header("Authorization", "Bearer " + attack.masterAdminToken()).DELETE()).statusCode()).isEqualTo(204);
    }
}
