package io.github.legacyauth.it.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * erin sets her own e-mail to the CEO's through the account API. The gateway passes the address on, and
 * says it is not verified, so an application that trusts addresses can tell.
 */
class SelfChosenEmailIsMarkedIT extends AttackRealmTest {

    @Test
    void aSelfChosenAddressIsMarkedUnverified() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"script\"}");
        HttpResponse<String> before = attack.verify("X-Auth-AccessKey", key);
        assertThat(before.headers().firstValue("X-Auth-Email-Verified")).hasValue("true");

        String token = attack.userToken("erin", "erin-Attack-1");
        ObjectNode profile = (ObjectNode) AttackRealm.json(Http.get(attack.server().realmUrl(AttackRealm.REALM) + "/account/",
                "Authorization", "Bearer " + token, "Accept", "application/json"));
        profile.put("email", "ceo@newcorp.test");
        assertThat(Http.send(Http.request(attack.server().realmUrl(AttackRealm.REALM) + "/account/")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(profile.toString()))).statusCode()).isEqualTo(204);

        HttpResponse<String> after = attack.verify("X-Auth-AccessKey", key);
        assertThat(after.headers().firstValue("X-Auth-Email")).hasValue("ceo@newcorp.test");
        assertThat(after.headers().firstValue("X-Auth-Email-Verified")).hasValue("false");
        assertThat(AttackRealm.json(after).get("email_verified").asBoolean()).isFalse();
    }
}
