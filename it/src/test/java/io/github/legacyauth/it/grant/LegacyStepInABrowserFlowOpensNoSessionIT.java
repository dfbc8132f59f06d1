package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * An admin binds the flow with the legacy steps as {@code viewer-gateway}'s browser flow too. A legacy
 * credential there would complete a browser login and set Keycloak's single sign-on cookie, with which
 * {@code prompt=none} signs in to every other client - the admin console included - whose tokens no
 * legacy rule bounds. The steps authenticate nobody outside the token endpoint's direct grant.
 */
class LegacyStepInABrowserFlowOpensNoSessionIT extends AttackRealmTest {

    static final String CALLBACK = "http://localhost/cb";
    static ClientRepresentation before;

    @BeforeAll
    static void theDirectGrantFlowIsTheBrowserFlowToo() {
        ClientRepresentation gateway = attack.realm().clients().findByClientId("viewer-gateway").get(0);
        before = attack.realm().clients().findByClientId("viewer-gateway").get(0);
        Map<String, String> overrides = new HashMap<>(gateway.getAuthenticationFlowBindingOverrides());
        overrides.put("browser", overrides.get("direct_grant"));
        gateway.setAuthenticationFlowBindingOverrides(overrides);
        gateway.setStandardFlowEnabled(true);
        gateway.setRedirectUris(List.of(CALLBACK));
        attack.realm().clients().get(gateway.getId()).update(gateway);
    }

    @AfterAll
    static void restore() {
        attack.realm().clients().get(before.getId()).update(before);
    }

    @Test
    void aHeaderPasswordOrAKeyOpensNoBrowserSession() throws Exception {
        String key = attack.createKey("dave", "{\"description\":\"viewer only\",\"scopes\":[\"viewer\"]}");
        String authorize = attack.server().realmUrl(AttackRealm.REALM) + "/protocol/openid-connect/auth?client_id=viewer-gateway"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8);

        for (String[] credential : List.of(new String[] {"X-API-Auth", Http.b64("dave:dave-Attack-1")},
                new String[] {"X-Auth-AccessKey", key})) {
            HttpResponse<String> login = Http.get(authorize, credential[0], credential[1]);

            assertThat(login.headers().firstValue("Location").orElse(""))
                    .as(credential[0] + ": " + login.statusCode()).doesNotContain("code=");
            assertThat(login.headers().allValues("Set-Cookie")).as(credential[0])
                    .noneMatch(cookie -> cookie.startsWith("KEYCLOAK_IDENTITY=") && !cookie.startsWith("KEYCLOAK_IDENTITY=;"));
        }
        // the direct grant at the token endpoint still takes them
        assertThat(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null).statusCode())
                .isEqualTo(200);
    }
}
