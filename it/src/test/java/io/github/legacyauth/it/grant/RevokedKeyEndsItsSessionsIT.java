package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * A key exchanged for tokens, then revoked or expired: the attacker keeps refreshing. Revocation and
 * expiry must end every session the key opened; a key never opens an offline session.
 */
class RevokedKeyEndsItsSessionsIT extends AttackRealmTest {

    @Test
    void aKeyCannotOpenAnOfflineSession() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"offline attempt\"}");

        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key,
                "scope=openid%20offline_access");

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("invalid_scope");
        assertThat(attack.realm().users().get(attack.userId("erin")).getOfflineSessions(
                attack.realm().clients().findByClientId("legacy-gateway").get(0).getId())).isEmpty();
    }

    @Test
    void aRevokedKeysRefreshTokenIsRefused() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"to be revoked\"}");
        JsonNode tokens = AttackRealm.json(attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null));
        String erinToken = attack.userToken("erin", "erin-Attack-1");
        HttpResponse<String> revoked = Http.send(Http.request(attack.url("/account/access-keys/" + AttackRealm.keyId(key)))
                .header("Authorization", "Bearer " + erinToken).DELETE());
        assertThat(revoked.statusCode()).isEqualTo(204);

        HttpResponse<String> refresh = attack.refresh("legacy-gateway", "gateway-secret",
                tokens.get("refresh_token").asText());

        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
        assertThat(AttackRealm.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredKeysRefreshTokenIsRefused() throws Exception {
        Instant expires = Instant.now().plusSeconds(4);
        String key = attack.createKey("erin", "{\"description\":\"short-lived\",\"expires_at\":\"" + expires + "\"}");
        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        String refreshToken = AttackRealm.json(grant).get("refresh_token").asText();
        assertThat(attack.refresh("legacy-gateway", "gateway-secret", refreshToken).statusCode()).isEqualTo(200);

        Thread.sleep(Math.max(0, expires.toEpochMilli() - System.currentTimeMillis()) + 1500);
        HttpResponse<String> refresh = attack.refresh("legacy-gateway", "gateway-secret", refreshToken);

        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(400);
        assertThat(AttackRealm.json(refresh).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
    }

    @Test
    void anApplicationTokenAtTheTokenEndpointIsAClearOAuthError() throws Exception {
        HttpResponse<String> created = Http.send(Http.request(attack.adminUrl("/legacy-auth/app-tokens"))
                .header("Authorization", "Bearer " + attack.masterAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"kanboard\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String appToken = AttackRealm.json(created).get("token").asText();

        HttpResponse<String> grant = attack.grant("legacy-gateway", "gateway-secret", "X-API-Auth",
                Http.b64("jsonrpc:" + appToken), null);

        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
        assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(grant.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
