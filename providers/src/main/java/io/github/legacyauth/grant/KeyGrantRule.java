package io.github.legacyauth.grant;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.TokenUtil;

import io.github.legacyauth.core.AdminReach;
import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.RoleNames;

/**
 * When an access key may be exchanged for a token at a client. Keycloak's admin API, its account API and
 * any resource server that maps roles from the user and the client's scope decide from the user's roles
 * and the client's role scope, not from the roles a token lists. So trimming the token's role claims
 * cannot make a scoped key safe; the client's scope must:
 * <ul>
 *   <li>every role the token would carry - the user's roles within the client's role scope (its own
 *       roles, its scope mappings and those of its default and requested client scopes, or all of the
 *       user's roles when the client has full scope) - must be one the key grants;</li>
 *   <li>a key never opens an offline session: it is a long-lived credential already, and a refresh token
 *       that outlives it would outlive its revocation;</li>
 *   <li>a key never becomes an admin token ({@link AdminReach}, the rule of every legacy credential):
 *       a token with a role of Keycloak's administration could reset the owner's password and mint a
 *       credential that outlives the key; in a realm with fine-grained admin permissions, no key is
 *       exchanged at all.</li>
 * </ul>
 * A key without scopes grants all of its owner's roles and may be exchanged at any client set up for
 * keys (unless its owner is an admin within that client's scope); a key scoped to {@code viewer} only at
 * a client whose role scope admits no other role of its owner.
 */
final class KeyGrantRule {

    private KeyGrantRule() {
    }

    /** Why this key may not be exchanged here, or null when it may. */
    static String problem(KeycloakSession session, AuthenticationSessionModel authSession, Principal key) {
        String scope = authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM);
        if (TokenUtil.isOfflineTokenRequested(scope) || offlineScopeApplies(session, authSession, key, scope)) {
            return "An access key cannot open an offline session";
        }
        return problem(session, authSession.getClient(),
                tokenRoles(session, authSession.getClient(), key.user(), scope), key.roles());
    }

    /**
     * Why a token of this client with these roles may not stand for a key that grants {@code keyRoles},
     * or null when it may. Asked at the grant and again at every refresh ({@link KeyScopeMapper}), since
     * the client's scope, the owner's roles and the realm's settings may all change in between. The rule
     * of every legacy credential ({@link AdminReach}) comes first.
     */
    static String problem(KeycloakSession session, ClientModel client, Collection<RoleModel> tokenRoles,
                          Set<RoleModel> keyRoles) {
        String reach = AdminReach.tokenProblem(session, client, tokenRoles);
        if (reach != null) {
            return reach;
        }
        Set<RoleModel> beyond = new java.util.HashSet<>(tokenRoles);
        beyond.removeAll(keyRoles);
        if (!beyond.isEmpty()) {
            return "This client's role scope admits roles the access key does not grant ("
                    + beyond.stream().map(RoleNames::of).sorted().collect(Collectors.joining(", "))
                    + "); exchange it at a client whose role scope stays within the key's scopes";
        }
        return null;
    }

    /**
     * Whether Keycloak would issue an offline token: it decides from the client scopes that apply, so a
     * client with {@code offline_access} among its default client scopes opens an offline session without
     * being asked to (as Keycloak's client session context decides).
     */
    static boolean offlineScopeApplies(KeycloakSession session, AuthenticationSessionModel authSession, Principal key,
                                       String scope) {
        return TokenManager.getRequestedClientScopes(session, scope, authSession.getClient(), key.user())
                .anyMatch(clientScope -> OAuth2Constants.OFFLINE_ACCESS.equals(clientScope.getName()));
    }

    /** The roles Keycloak would put in a token of this client for this user, as its token manager computes them. */
    static Set<RoleModel> tokenRoles(KeycloakSession session, ClientModel client, UserModel user, String scope) {
        return TokenManager.getAccess(user, client, TokenManager.getRequestedClientScopes(session, scope, client, user));
    }
}
