package io.github.legacyauth.it.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;

/**
 * A key never opens an offline session: an offline token would be a second long-lived credential. Asking
 * with {@code scope=offline_access} is refused; an admin who makes {@code offline_access} a default client
 * scope of the gateway would have Keycloak issue one without being asked.
 */
class KeyOpensNoOfflineSessionThroughADefaultScopeIT extends AttackRealmTest {

    @Test
    void offlineAccessAsADefaultScopeGivesAKeyNoOfflineToken() throws Exception {
        var gateway = attack.realm().clients().get(attack.realm().clients().findByClientId("viewer-gateway").get(0).getId());
        ClientScopeRepresentation offline = attack.realm().clientScopes().findAll().stream()
                .filter(scope -> "offline_access".equals(scope.getName())).findFirst().orElseThrow();
        RoleRepresentation offlineRole = attack.realm().roles().get("offline_access").toRepresentation();
        gateway.removeOptionalClientScope(offline.getId());
        gateway.addDefaultClientScope(offline.getId());
        gateway.getScopeMappings().realmLevel().add(List.of(offlineRole));
        try {
            String key = attack.createKey("erin", "{\"description\":\"all of erin's roles\"}");

            HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);

            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(400);
            assertThat(AttackRealm.json(grant).get("error").asText()).isEqualTo("invalid_scope");
            assertThat(grant.body()).doesNotContain("refresh_token");
        } finally {
            gateway.getScopeMappings().realmLevel().remove(List.of(offlineRole));
            gateway.removeDefaultClientScope(offline.getId());
            gateway.addOptionalClientScope(offline.getId());
        }
    }
}
