package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.AccessToken;

/** Which tokens of a legacy credential could reach Keycloak's admin or account API. */
class AdminReachTest {

    private final RealmModel realm = realm("shop");
    private final ClientModel management = client(realm, "realm-management");
    private final ClientModel account = client(realm, "account");
    private final RoleModel manageUsers = role(management, "manage-users");
    private final RoleModel manageAccount = role(account, "manage-account");
    private final RoleModel viewer = realmRole(realm, "viewer");
    private final KeycloakSession session = mock(KeycloakSession.class);

    @Test
    void aFullScopeClientCouldReachEverything() {
        ClientModel gateway = client(realm, "gateway");
        when(gateway.isFullScopeAllowed()).thenReturn(true);

        assertThat(AdminReach.clientProblem(gateway)).contains("full scope");
    }

    @Test
    void aClientScopedToPlainRolesReachesNothing() {
        ClientModel gateway = scoped(client(realm, "gateway"), List.of(viewer), Map.of());

        assertThat(AdminReach.clientProblem(gateway)).isNull();
    }

    @Test
    void anAdministrationRoleBehindACompositeIsFound() {
        RoleModel helpdesk = realmRole(realm, "helpdesk");
        when(helpdesk.isComposite()).thenReturn(true);
        when(helpdesk.getCompositesStream()).thenAnswer(call -> Stream.of(manageUsers));
        ClientModel gateway = scoped(client(realm, "gateway"), List.of(viewer, helpdesk), Map.of());

        assertThat(AdminReach.clientProblem(gateway)).contains("realm-management:manage-users");
    }

    @Test
    void anAccountRoleInAnOptionalClientScopeIsFound() {
        ClientScopeModel scope = mock(ClientScopeModel.class);
        when(scope.getScopeMappingsStream()).thenAnswer(call -> Stream.of(manageAccount));
        ClientModel gateway = scoped(client(realm, "gateway"), List.of(viewer), Map.of("extra", scope));

        assertThat(AdminReach.clientProblem(gateway)).contains("account:manage-account");
    }

    @Test
    void aTokenWithAnAdministrationRoleIsRefusedAndAPlainOneIsNot() {
        ClientModel gateway = client(realm, "gateway");

        assertThat(AdminReach.tokenProblem(session, gateway, Set.of(viewer, manageUsers))).contains("administration");
        assertThat(AdminReach.tokenProblem(session, gateway, Set.of(viewer, manageAccount))).isNull();
    }

    @Test
    void fineGrainedAdminPermissionsRefuseEveryToken() {
        when(realm.isAdminPermissionsEnabled()).thenReturn(true);

        assertThat(AdminReach.tokenProblem(session, client(realm, "gateway"), Set.of(viewer)))
                .contains("fine-grained admin permissions");
    }

    @Test
    void stripTakesTheAccountBrokerAndAdministrationAudiencesAndRolesOut() {
        AccessToken token = new AccessToken();
        token.issuer("https://sso.example/realms/shop");
        token.audience("account", "realm-management", "broker", "orders");
        token.addAccess("account").addRole("manage-account");
        token.addAccess("realm-management").addRole("manage-users");
        token.addAccess("broker").addRole("read-token");
        token.addAccess("orders").addRole("reader");

        AdminReach.strip(token);

        assertThat(token.getAudience()).containsExactly("orders");
        assertThat(token.getResourceAccess()).containsOnlyKeys("orders");
    }

    @Test
    void stripLeavesNoEmptyAudience() {
        AccessToken token = new AccessToken();
        token.audience("account");

        assertThat(AdminReach.strip(token).getAudience()).isNull();
    }

    private static RealmModel realm(String name) {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn(name);
        return realm;
    }

    private static ClientModel client(RealmModel realm, String clientId) {
        ClientModel client = mock(ClientModel.class);
        when(client.getClientId()).thenReturn(clientId);
        when(client.getRealm()).thenReturn(realm);
        when(client.getRolesStream()).thenAnswer(call -> Stream.empty());
        when(client.getScopeMappingsStream()).thenAnswer(call -> Stream.empty());
        when(client.getClientScopes(true)).thenReturn(Map.of());
        when(client.getClientScopes(false)).thenReturn(Map.of());
        return client;
    }

    private static ClientModel scoped(ClientModel client, List<RoleModel> mappings, Map<String, ClientScopeModel> optional) {
        when(client.getScopeMappingsStream()).thenAnswer(call -> mappings.stream());
        when(client.getClientScopes(false)).thenReturn(optional);
        return client;
    }

    private static RoleModel role(ClientModel client, String name) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        when(role.getContainer()).thenReturn(client);
        when(role.isClientRole()).thenReturn(true);
        when(role.getCompositesStream()).thenAnswer(call -> Stream.empty());
        return role;
    }

    private static RoleModel realmRole(RealmModel realm, String name) {
        RoleModel role = mock(RoleModel.class);
        when(role.getName()).thenReturn(name);
        when(role.getContainer()).thenReturn(realm);
        when(role.getCompositesStream()).thenAnswer(call -> Stream.empty());
        return role;
    }
}
