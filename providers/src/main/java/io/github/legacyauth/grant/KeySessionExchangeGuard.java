package io.github.legacyauth.grant;

import jakarta.ws.rs.core.Response;

import org.keycloak.Config;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import io.github.legacyauth.core.LegacySessions;

/**
 * Token exchange never turns a token of a session a legacy credential opened (an access key, or a password
 * at a legacy door) into a token of another client: that client's role scope would decide what the new
 * token can do, and the rules of the legacy credential would no longer.
 * Asked before Keycloak's own exchange providers; it claims only such requests, and refuses them with
 * {@code 400 invalid_request}. Every other exchange goes on to Keycloak's providers unchanged.
 */
public final class KeySessionExchangeGuard implements TokenExchangeProvider, TokenExchangeProviderFactory {

    public static final String PROVIDER_ID = "legacy-auth-key-session-guard";

    @Override
    public boolean supports(TokenExchangeContext context) {
        String subject = context.getParams().getSubjectToken();
        if (subject == null) {
            return false;
        }
        AccessToken token;
        try {
            token = new JWSInput(subject).readJsonContent(AccessToken.class);
        } catch (JWSInputException | RuntimeException e) {
            return false; // not ours to judge: Keycloak's providers refuse what they cannot read
        }
        return LegacySessions.openedByLegacyCredential(context.getSession(), context.getRealm(), token);
    }

    @Override
    public Response exchange(TokenExchangeContext context) {
        String reason = "A token of a session opened with a legacy credential (an access key or a password) cannot be exchanged";
        context.getEvent().detail(Details.REASON, reason).error(Errors.INVALID_REQUEST);
        return context.getCors().add(Response.status(Response.Status.BAD_REQUEST)
                .entity(new OAuth2ErrorRepresentation(OAuthErrorException.INVALID_REQUEST, reason))
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE));
    }

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return this;
    }

    /** Before Keycloak's own providers (standard: 10, legacy V1: 0). */
    @Override
    public int order() {
        return 1000;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
