package io.github.legacyauth.grant;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponseException;

import io.github.legacyauth.accesskey.AccessKeyVerifier;
import io.github.legacyauth.accesskey.AccountAccessKeysResource;
import io.github.legacyauth.core.AdminReach;
import io.github.legacyauth.core.LegacySessions;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RoleNames;
import io.github.legacyauth.core.UserStanding;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;

/**
 * The token rule of sessions a legacy credential opened: checks the credential and its owner at every
 * token (the first and each refresh), keeps the token out of Keycloak's administration and account APIs,
 * and narrows a key's token to the key's scopes intersected with the user's roles now. Runs after
 * Keycloak's role mappers; sessions no legacy credential opened pass unchanged. A client whose
 * direct-grant flow accepts any legacy credential must have this mapper (directly or through a client
 * scope); without it the grant is refused.
 */
public final class KeyScopeMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, TokenIntrospectionTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = AdminReach.TOKEN_MAPPER_ID;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Legacy access-key scopes";
    }

    @Override
    public String getHelpText() {
        return "Ends the tokens of a legacy credential with it (at each refresh), keeps them away from the admin"
                + " and account APIs, and limits a personal access key's tokens to the key's scopes. Add it to"
                + " every client whose direct-grant flow accepts legacy credentials.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    /** After every role and audience mapper. */
    @Override
    public int getPriority() {
        return 1000;
    }

    /**
     * Every access token of a session a legacy credential opened - the first and each refresh - passes
     * here: the credential must still work (a key not revoked nor expired; the password not changed), its
     * owner be in good standing, and the token stay out of Keycloak's administration ({@link AdminReach});
     * otherwise the refresh fails with {@code invalid_grant}. So whatever ends the credential ends what it
     * opened, on every node, however long the refresh token would live. The token loses the account and
     * administration audiences and roles; a key's token keeps only the key's roles now.
     */
    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        if (!LegacySessions.openedByLegacyCredential(userSession)) {
            return token;
        }
        RealmModel realm = userSession.getRealm();
        UserModel user = userSession.getUser();
        if (!PasswordFingerprint.stillCurrent(userSession, user)) {
            throw refused("The password this session was opened with has changed");
        }
        String keyId = keyId(userSession);
        Set<RoleModel> keyRoles = keyId == null ? null : AccessKeyVerifier.currentRoles(realm, user, keyId);
        if (keyId != null && keyRoles == null) {
            throw refused("The access key of this session was revoked or has expired");
        }
        if (UserStanding.refusal(session, realm, RealmSettings.of(realm), user, keyId == null) != null) {
            throw refused("The user of this session may not sign in now");
        }
        if (clientSessionCtx != null) {
            ClientModel client = clientSessionCtx.getClientSession().getClient();
            List<RoleModel> tokenRoles = clientSessionCtx.getRolesStream().toList();
            String problem = keyRoles == null ? AdminReach.tokenProblem(session, client, tokenRoles)
                    : KeyGrantRule.problem(session, client, tokenRoles, keyRoles);
            if (problem != null) {
                throw refused(problem);
            }
        }
        AdminReach.strip(token);
        return keyRoles == null ? token : narrow(token, noteOf(keyRoles));
    }

    private static ErrorResponseException refused(String description) {
        return new ErrorResponseException(OAuthErrorException.INVALID_GRANT, description, Response.Status.BAD_REQUEST);
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mappingModel,
                                                   KeycloakSession session, UserSessionModel userSession,
                                                   ClientSessionContext clientSessionCtx) {
        return narrowToCurrent(token, userSession);
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return narrowToCurrent(token, userSession);
    }

    /** The key's roles now; none once the key no longer works. */
    private static AccessToken narrowToCurrent(AccessToken token, UserSessionModel userSession) {
        if (!LegacySessions.openedByLegacyCredential(userSession)) {
            return token;
        }
        AdminReach.strip(token);
        String keyId = keyId(userSession);
        if (keyId == null) {
            return token;
        }
        Set<RoleModel> keyRoles = AccessKeyVerifier.currentRoles(userSession.getRealm(), userSession.getUser(), keyId);
        return narrow(token, keyRoles == null ? "" : noteOf(keyRoles));
    }

    private static String keyId(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(AccountAccessKeysResource.ACCESS_KEY_SESSION_NOTE);
    }

    private static String noteOf(Set<RoleModel> roles) {
        return roles.stream().map(RoleNames::of).sorted().collect(Collectors.joining(","));
    }

    /** Keeps only the roles named in {@code note} (comma-separated, client roles as clientId:role); null: all. */
    static AccessToken narrow(AccessToken token, String note) {
        if (note == null) {
            return token;
        }
        Set<String> allowed = note.isEmpty() ? Set.of() : Arrays.stream(note.split(",")).collect(Collectors.toSet());
        if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null) {
            token.getRealmAccess().getRoles().retainAll(allowed);
        }
        Map<String, AccessToken.Access> resources = token.getResourceAccess();
        if (resources != null) {
            resources.forEach((clientId, access) -> {
                if (access.getRoles() != null) {
                    access.getRoles().removeIf(role -> !allowed.contains(clientId + ":" + role));
                }
            });
            resources.values().removeIf(access -> access.getRoles() == null || access.getRoles().isEmpty());
        }
        return token;
    }

    /** Whether tokens of this client pass through this mapper. */
    static boolean isMappedFor(ClientModel client) {
        return AdminReach.tokenMapperOn(client);
    }
}
