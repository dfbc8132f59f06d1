package io.github.legacyauth.grant;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
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

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return narrow(token, userSession);
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel mappingModel,
                                                   KeycloakSession session, UserSessionModel userSession,
                                                   ClientSessionContext clientSessionCtx) {
        return narrow(token, userSession);
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel mappingModel, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return narrow(token, userSession);
    }

    static AccessToken narrow(AccessToken token, UserSessionModel userSession) {
        return narrow(token, userSession == null ? null : userSession.getNote(LegacyGrantAuthenticator.KEY_ROLES_NOTE));
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
