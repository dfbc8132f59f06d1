package io.github.legacyauth.core;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.common.Profile;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessToken;

/**
 * What keeps a token obtained with a legacy credential (an access key, or a password at {@code /a} or the
 * token endpoint) away from Keycloak's administration and account APIs, which decide so:
 * <ul>
 *   <li>the admin API grants an administration role the user holds when the token's client has it in
 *       scope, or else when the token's claims list it ({@code KeycloakIdentity}); with fine-grained admin
 *       permissions, what the permission policies grant the <em>user</em>, whatever the client;</li>
 *   <li>the account API wants the audience {@code account} and its roles in the token's claims, and
 *       expands a token without them again through introspection, with the client's mappers.</li>
 * </ul>
 * So: no such token is issued in a realm whose admin permissions are fine-grained (no role check can tell
 * who a policy makes an admin: fail closed); none whose roles (the user's within the client's scope)
 * include a role of Keycloak's administration; and every such token has the {@code account},
 * {@code broker} and administration audiences and roles taken out of its claims, by the mapper every
 * client issuing them must have. The {@code /a} client is held to more, on saving and at issuing, since
 * its tokens are not refreshed: its role scope must leave out every administration and account role, so
 * that no later role grant makes a token in hand an admin token.
 */
public final class AdminReach {

    /** The provider id of the token mapper of legacy sessions ({@code grant/KeyScopeMapper}). */
    public static final String TOKEN_MAPPER_ID = "legacy-auth-key-scope-mapper";

    private AdminReach() {
    }

    /** Whether tokens of this client pass through the token mapper of legacy sessions (on the client or a client scope). */
    public static boolean tokenMapperOn(ClientModel client) {
        return Stream.concat(client.getProtocolMappersStream(),
                        client.getClientScopes(true).values().stream().flatMap(ClientScopeModel::getProtocolMappersStream))
                .anyMatch(mapper -> TOKEN_MAPPER_ID.equals(mapper.getProtocolMapper())
                        && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(mapper.getProtocol()));
    }

    /**
     * Why no legacy credential is exchanged for a token in this realm, or null: the realm's admin
     * permissions are fine-grained (v2, or v1 with permissions on the realm's management client).
     */
    public static String fineGrainedProblem(KeycloakSession session, RealmModel realm) {
        if (realm.isAdminPermissionsEnabled() || fineGrainedV1(session, realm)) {
            return "This realm uses fine-grained admin permissions, which decide from the user and not from a"
                    + " token's client or roles: no legacy credential is exchanged for a token here";
        }
        return null;
    }

    private static boolean fineGrainedV1(KeycloakSession session, RealmModel realm) {
        if (Profile.getInstance() == null || !Profile.isFeatureEnabled(Profile.Feature.ADMIN_FINE_GRAINED_AUTHZ)) {
            return false;
        }
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        AuthorizationProvider authorization = session.getProvider(AuthorizationProvider.class);
        return management != null && authorization != null
                && authorization.getStoreFactory().getResourceServerStore().findByClient(management) != null;
    }

    /**
     * Why a token of {@code client} carrying {@code tokenRoles} (the user's roles within the client's
     * scope, as Keycloak's token manager computes them) may not stand for a legacy credential, or null.
     * Asked when the token is issued and at every refresh.
     */
    public static String tokenProblem(KeycloakSession session, ClientModel client, Collection<RoleModel> tokenRoles) {
        String fineGrained = fineGrainedProblem(session, client.getRealm());
        if (fineGrained != null) {
            return fineGrained;
        }
        if (tokenRoles.stream().anyMatch(AdminReach::administers)) {
            return "A legacy credential is not exchanged for a token that carries realm administration roles;"
                    + " use a client whose role scope leaves them out";
        }
        return null;
    }

    /**
     * Why tokens of {@code client} could reach the admin or account API whatever the user, or null: full
     * scope, or a role of the administration or of the account console within its role scope (its own
     * roles, its scope mappings, those of its default and optional client scopes, composites expanded).
     */
    public static String clientProblem(ClientModel client) {
        if (client.isFullScopeAllowed()) {
            return "Client '" + client.getClientId() + "' has full scope allowed, so its tokens could carry"
                    + " administration and account roles; turn Full scope allowed off and map the roles its"
                    + " tokens may carry";
        }
        Stream<RoleModel> inScope = Stream.concat(Stream.concat(client.getRolesStream(), client.getScopeMappingsStream()),
                Stream.concat(client.getClientScopes(true).values().stream(), client.getClientScopes(false).values().stream())
                        .flatMap(ClientScopeModel::getScopeMappingsStream));
        Set<String> privileged = RoleUtils.expandCompositeRolesStream(inScope)
                .filter(AdminReach::privileged)
                .map(RoleNames::of)
                .sorted()
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (!privileged.isEmpty()) {
            return "Client '" + client.getClientId() + "' has administration or account roles in its role scope ("
                    + String.join(", ", privileged) + "); remove them from its scope mappings and client scopes";
        }
        return null;
    }

    /** Takes the administration and account audiences and roles out of the token's claims. */
    public static AccessToken strip(AccessToken token) {
        String adminRealm = Config.getAdminRealm();
        java.util.function.Predicate<String> privilegedClient = clientId -> Constants.ACCOUNT_MANAGEMENT_CLIENT_ID.equals(clientId)
                || Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId)
                || Constants.BROKER_SERVICE_CLIENT_ID.equals(clientId)
                || (token.getIssuer() != null && token.getIssuer().endsWith("/realms/" + adminRealm) && clientId.endsWith("-realm"));
        if (token.getAudience() != null) {
            String[] kept = Stream.of(token.getAudience()).filter(audience -> !privilegedClient.test(audience))
                    .toArray(String[]::new);
            token.audience(kept.length == 0 ? null : kept);
        }
        if (token.getResourceAccess() != null) {
            token.getResourceAccess().keySet().removeIf(privilegedClient);
        }
        if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null
                && token.getIssuer() != null && token.getIssuer().endsWith("/realms/" + adminRealm)) {
            token.getRealmAccess().getRoles().removeAll(Set.of(AdminRoles.ADMIN, AdminRoles.CREATE_REALM));
        }
        return token;
    }

    /**
     * A role of the administration, of the account console, or of the identity broker (whose
     * {@code read-token} role hands out the tokens of the user's linked identity providers).
     */
    public static boolean privileged(RoleModel role) {
        return administers(role) || (role.getContainer() instanceof ClientModel client
                && (Constants.ACCOUNT_MANAGEMENT_CLIENT_ID.equals(client.getClientId())
                        || Constants.BROKER_SERVICE_CLIENT_ID.equals(client.getClientId())));
    }

    /**
     * A role of Keycloak's administration: of a realm's {@code realm-management} client, or in the admin
     * realm its realm roles {@code admin} and {@code create-realm} and the roles of its {@code *-realm}
     * clients. A token with one can reset the owner's password and so mint a successor credential.
     */
    public static boolean administers(RoleModel role) {
        if (role.getContainer() instanceof ClientModel client) {
            return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(client.getClientId())
                    || (Config.getAdminRealm().equals(client.getRealm().getName()) && client.getClientId().endsWith("-realm"));
        }
        if (role.getContainer() instanceof RealmModel realm) {
            return Config.getAdminRealm().equals(realm.getName())
                    && (AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName()));
        }
        return false;
    }
}
