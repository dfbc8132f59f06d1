package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * A 6 MB JSON body sent to the key endpoints: without a token nothing is parsed (401); with one, the
 * body is refused past the cap with 413, never parsed whole.
 */
class AccountBodyIsReadAfterAuthIT extends AttackRealmTest {

    static final String HUGE = "{\"description\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";

    @Test
    void aHugeBodyWithoutATokenIsNotRead() {
        HttpResponse<String> response = post(attack.url("/account/access-keys"), null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aHugeBodyWithATokenIsRefusedAtTheCap() throws Exception {
        HttpResponse<String> account = post(attack.url("/account/access-keys"), attack.userToken("erin", "erin-Attack-1"));
        HttpResponse<String> admin = post(attack.adminUrl("/legacy-auth/users/" + attack.userId("erin") + "/access-keys"),
                attack.masterAdminToken());
        HttpResponse<String> appTokens = post(attack.adminUrl("/legacy-auth/app-tokens"), attack.masterAdminToken());

        assertThat(account.statusCode()).isEqualTo(413);
        assertThat(admin.statusCode()).isEqualTo(413);
        assertThat(appTokens.statusCode()).isEqualTo(413);
        assertThat(AttackRealm.json(account).get("error").asText()).isEqualTo("request_too_large");
    }

    static HttpResponse<String> post(String url, String token) {
        HttpRequest.Builder request = Http.request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HUGE));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }
}
