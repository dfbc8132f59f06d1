package io.github.legacyauth.it.basic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * Two habits that turn a username into a leak or a loophole: {@code curl -u "$KEY:"} puts the key where
 * the username goes, and a real user named like the application API's {@code jsonrpc} in another case.
 */
class SecretShapedUsernameIT extends AttackRealmTest {

    @Test
    void aKeySentAsTheUsernameIsNeitherLoggedNorStored() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"sent as a username\"}");

        assertThat(attack.verify("Authorization", Http.basic(key, "")).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-API-Auth", Http.b64(key + ":x")).statusCode()).isEqualTo(401);

        assertThat(attack.server().log()).doesNotContain(key).doesNotContain(key.substring(0, 40));
        assertThat(attack.realm().getEvents()).allSatisfy(event -> assertThat(String.valueOf(event.getDetails()))
                .doesNotContain(key.substring(0, 40)));
        assertThat(attack.realm().getEvents()).anySatisfy(event ->
                assertThat(event.getDetails()).containsEntry("username", "[redacted]"));
    }

    @Test
    void theApplicationApiUsernameTakesOverEveryCaseOfIt() {
        // a real user jsonrpc exists, with a password; the application API owns the name in every case
        assertThat(attack.verify("Authorization", Http.basic("jsonrpc", "jsonrpc-Attack-1")).statusCode()).isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("JSONRPC", "jsonrpc-Attack-1")).statusCode()).isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("JsonRpc", "jsonrpc-Attack-1")).statusCode()).isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("jsonrpc@attack.test", "jsonrpc-Attack-1")).statusCode())
                .as("the same user by e-mail is no application-API name").isEqualTo(200);
    }
}
