package io.github.legacyauth.grant;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.core.Response;

import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponseException;

import io.github.legacyauth.accesskey.AccessKeyVerifier;
import io.github.legacyauth.accesskey.AccountAccessKeysResource;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.RoleNames;
import io.github.legacyauth.core.UserStanding;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;

/**
 * Narrows the roles in a token to those of the access key that opened its session: the key's scopes
 * intersected with the user's roles, as computed when the key was used. Runs after Keycloak's role
 * mappers; sessions not opened by a scoped key pass unchanged. A client whose direct-grant flow accepts
 * access keys must have this mapper (directly or through a client scope); without it keys are refused.
 */
public final class KeyScopeMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, TokenIntrospectionTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "legacy-auth-key-scope-mapper";

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
        return "Limits the roles of tokens issued for a personal access key to the key's scopes. Add it to every"
                + " client whose direct-grant flow accepts access keys.";
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
     * Every access token of a key's session - the first and each refresh - passes here: the key must
     * still work (not revoked, not expired, owner in good standing) and the token's roles stay within
     * the key's roles now; otherwise the refresh fails with {@code invalid_grant}. So revoking or expiring
     * a key ends what it opened, on every node, however long the refresh token would live.
     */
    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null && !PasswordFingerprint.stillCurrent(userSession, userSession.getUser())) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_GRANT,
                    "The password this session was opened with has changed", Response.Status.BAD_REQUEST);
        }
        String keyId = keyId(userSession);
        if (keyId == null) {
            return token;
        }
        RealmModel realm = userSession.getRealm();
        UserModel user = userSession.getUser();
        Set<RoleModel> keyRoles = AccessKeyVerifier.currentRoles(realm, user, keyId);
        if (keyRoles == null || UserStanding.refusal(session, realm, user) != null) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_GRANT,
                    "The access key of this session was revoked or has expired", Response.Status.BAD_REQUEST);
        }
        String problem = clientSessionCtx == null ? null : KeyGrantRule.problem(
                clientSessionCtx.getClientSession().getClient(), clientSessionCtx.getRolesStream().toList(), keyRoles);
        if (problem != null) {
            throw new ErrorResponseException(OAuthErrorException.INVALID_GRANT, problem, Response.Status.BAD_REQUEST);
        }
        return narrow(token, noteOf(keyRoles));
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
        return Stream.concat(client.getProtocolMappersStream(),
                        client.getClientScopes(true).values().stream().flatMap(scope -> scope.getProtocolMappersStream()))
                .anyMatch(mapper -> PROVIDER_ID.equals(mapper.getProtocolMapper())
                        && OIDCLoginProtocol.LOGIN_PROTOCOL.equals(mapper.getProtocol()));
    }
}
