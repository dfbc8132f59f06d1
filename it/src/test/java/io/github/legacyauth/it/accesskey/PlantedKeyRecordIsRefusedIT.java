package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.legacyauth.accesskey.AccessKeyFormat;
import io.github.legacyauth.core.SecretHash;
import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * The realm lets users edit unmanaged attributes. erin writes an access-key record of her own making into
 * her attributes through Keycloak's account REST API - past the per-user limit, past the events, with a
 * secret she chose - and dave (manage-users) writes one for erin through the admin API. Both records are
 * stored; neither opens anything.
 */
class PlantedKeyRecordIsRefusedIT extends AttackRealmTest {

    @BeforeAll
    static void configure() {
        Realms.letUsersEditUnmanagedAttributes(attack.realm());
    }

    @Test
    void aRecordAUserWroteThroughTheAccountApiOpensNothing() throws Exception {
        String erin = attack.userId("erin");
        AccessKeyFormat.AccessKey key = new AccessKeyFormat.AccessKey(erin, "Planted1", "PlantedSecretPlanted12");
        String attribute = "legacy-auth.access-key." + key.keyId();
        attack.writeOwnAttribute("erin", "erin-Attack-1", attribute, List.of("{\"hash\":\"" + SecretHash.hash(key.secret())
                + "\",\"description\":\"planted\",\"created\":1795392000,\"scopes\":[],\"seal\":\"s1.AAAA\"}"));
        assertThat(attack.realm().users().get(erin).toRepresentation().getAttributes()).containsKey(attribute);

        String presented = AccessKeyFormat.format(key);
        assertThat(AccessKeyFormat.parse(presented)).as("a well-formed key").isEqualTo(key);
        assertThat(attack.verify("X-Auth-AccessKey", presented).statusCode()).isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("erin", presented)).statusCode()).isEqualTo(401);
        assertThat(attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", presented, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aRecordAHelpdeskAdminWroteThroughTheAdminApiOpensNothing() throws Exception {
        String erin = attack.userId("erin");
        AccessKeyFormat.AccessKey key = new AccessKeyFormat.AccessKey(erin, "Planted2", "PlantedSecretPlanted45");
        String attribute = "legacy-auth.access-key." + key.keyId();
        var user = attack.realm().users().get(erin).toRepresentation();
        user.setAttributes(Map.of(attribute, List.of("{\"hash\":\"" + SecretHash.hash(key.secret())
                + "\",\"description\":\"planted\",\"created\":1795392000,\"scopes\":[]}")));
        HttpResponse<String> written = Http.send(Http.request(attack.adminUrl("/users/" + erin))
                .header("Authorization", "Bearer " + attack.userToken("dave", "dave-Attack-1"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(AttackRealm.JSON.writeValueAsString(user))));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
        assertThat(attack.realm().users().get(erin).toRepresentation().getAttributes()).containsKey(attribute);

        assertThat(AccessKeyFormat.parse(AccessKeyFormat.format(key))).as("a well-formed key").isEqualTo(key);
        assertThat(attack.verify("X-Auth-AccessKey", AccessKeyFormat.format(key)).statusCode()).isEqualTo(401);
    }

    /**
     * erin keeps a copy of her profile (the account API shows her key records), revokes a key, and writes
     * the copy back: the revoked record is there again, sealed as it was, and opens nothing.
     */
    @Test
    void aRevokedKeysRecordWrittenBackStaysRevoked() throws Exception {
        String token = attack.userToken("erin", "erin-Attack-1");
        String revoked = ownKey(token, "to revoke");
        String kept = ownKey(token, "to keep");
        String profile = Http.get(attack.server().realmUrl(AttackRealm.REALM) + "/account/",
                "Authorization", "Bearer " + token, "Accept", "application/json").body();
        assertThat(profile).contains("legacy-auth.access-key." + AttackRealm.keyId(revoked));

        assertThat(Http.send(Http.request(attack.url("/account/access-keys/" + AttackRealm.keyId(revoked)))
                .header("Authorization", "Bearer " + token).DELETE()).statusCode()).isEqualTo(204);
        assertThat(attack.verify("X-Auth-AccessKey", revoked).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", kept).statusCode()).as("the other key survives").isEqualTo(200);
        HttpResponse<String> writtenBack = Http.send(Http.request(attack.server().realmUrl(AttackRealm.REALM) + "/account/")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(profile)));
        assertThat(writtenBack.statusCode()).as(writtenBack.body()).isEqualTo(204);
        assertThat(attack.realm().users().get(attack.userId("erin")).toRepresentation().getAttributes())
                .containsKey("legacy-auth.access-key." + AttackRealm.keyId(revoked));

        assertThat(attack.verify("X-Auth-AccessKey", revoked).statusCode()).isEqualTo(401);
    }

    static String ownKey(String token, String description) throws Exception {
        HttpResponse<String> created = Http.send(Http.request(attack.url("/account/access-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"" + description + "\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return AttackRealm.json(created).get("key").asText();
    }

    @Test
    void theSealSecretIsMaskedInTheAdminApi() {
        var settings = io.github.legacyauth.it.harness.Realms.settings(attack.realm());
        assertThat(settings.getConfig().getFirst("recordSealKey")).isEqualTo("**********");
    }
}
