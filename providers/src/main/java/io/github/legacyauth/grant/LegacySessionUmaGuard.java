package io.github.legacyauth.grant;

import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.keycloak.Config;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.protocol.oidc.grants.PermissionGrantTypeFactory;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.managers.AppAuthManager;

import io.github.legacyauth.core.LegacySessions;

/**
 * Keycloak's UMA ticket grant ({@code urn:ietf:params:oauth:grant-type:uma-ticket}) issues a token (an
 * RPT) for a resource server from a token the caller already holds - the bearer, a {@code subject_token}
 * or a {@code claim_token} - computed with the resource server's role scope; the mapper that keeps a
 * legacy credential's tokens out of Keycloak's administration never runs on it, and Keycloak's admin API
 * honours the administration roles its claims list. So a token of a session a legacy credential opened
 * is never the identity of this grant: {@code 400 invalid_grant}. Every other request goes to Keycloak's
 * own grant unchanged. This factory takes the place of Keycloak's (the same id; a provider's factory
 * replaces a built-in one of the same id).
 */
public final class LegacySessionUmaGuard implements OAuth2GrantTypeFactory {

    private final PermissionGrantTypeFactory keycloaks = new PermissionGrantTypeFactory();

    @Override
    public String getId() {
        return keycloaks.getId();
    }

    @Override
    public String getShortcut() {
        return keycloaks.getShortcut();
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new Guarded(keycloaks.create(session));
    }

    /** Above Keycloak's own factory of this id (order 0). */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public void init(Config.Scope config) {
        keycloaks.init(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        keycloaks.postInit(factory);
    }

    @Override
    public void close() {
        keycloaks.close();
    }

    /** Keycloak's grant, asked only when no token of the request belongs to a legacy session. */
    static final class Guarded implements OAuth2GrantType {

        private final OAuth2GrantType keycloaks;
        private final java.util.List<String> tokenParameters;

        Guarded(OAuth2GrantType keycloaks) {
            this(keycloaks, java.util.List.of(OAuth2Constants.SUBJECT_TOKEN, "claim_token", "rpt"));
        }

        /** Keycloak's grant, and the form parameters besides the bearer in which it reads a token of the caller. */
        Guarded(OAuth2GrantType keycloaks, java.util.List<String> tokenParameters) {
            this.keycloaks = keycloaks;
            this.tokenParameters = tokenParameters;
        }

        @Override
        public EventType getEventType() {
            return keycloaks.getEventType();
        }

        @Override
        public Set<String> getSupportedMultivaluedRequestParameters() {
            return keycloaks.getSupportedMultivaluedRequestParameters();
        }

        @Override
        public Set<String> getTokenParameterNames() {
            return keycloaks.getTokenParameterNames();
        }

        @Override
        public void preProcess(KeycloakSession session, MultivaluedMap<String, String> formParams) throws ClientPolicyException {
            keycloaks.preProcess(session, formParams);
        }

        @Override
        public boolean isTokenAllowed(KeycloakSession session, AccessToken token) {
            return keycloaks.isTokenAllowed(session, token);
        }

        @Override
        public Response process(Context context) {
            MultivaluedMap<String, String> form = context.getFormParams();
            // as Keycloak's grant reads the caller's token: a bearer, else client authentication
            String authorization = context.getHeaders().getRequestHeaders().getFirst(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION);
            String bearer = authorization != null && authorization.toLowerCase(java.util.Locale.ROOT).startsWith("bearer")
                    ? AppAuthManager.extractAuthorizationHeaderToken(context.getHeaders()) : null;
            boolean legacy = Stream.concat(Stream.of(bearer), tokenParameters.stream().map(form::getFirst))
                    .anyMatch(token -> openedByLegacyCredential(context.getSession(), context, token));
            if (!legacy) {
                return keycloaks.process(context);
            }
            String reason = "A token of a session opened with a legacy credential (an access key or a password) is not"
                    + " exchanged for another client's token";
            context.getEvent().detail(Details.REASON, reason).error(Errors.INVALID_REQUEST);
            return context.getCors().add(Response.status(Response.Status.BAD_REQUEST)
                    .entity(new OAuth2ErrorRepresentation(OAuthErrorException.INVALID_GRANT, reason))
                    .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE));
        }

        /**
         * Whether the token names a session a legacy credential opened. Read without checking its
         * signature: a forged one only refuses its sender; Keycloak's grant checks the rest.
         */
        static boolean openedByLegacyCredential(KeycloakSession session, Context context, String token) {
            if (token == null || token.isBlank()) {
                return false;
            }
            AccessToken parsed;
            try {
                parsed = new JWSInput(token).readJsonContent(AccessToken.class);
            } catch (JWSInputException | RuntimeException e) {
                return false;
            }
            return LegacySessions.openedByLegacyCredential(session, context.getRealm(), parsed);
        }

        @Override
        public void close() {
            keycloaks.close();
        }
    }
}
