package io.github.legacyauth.bearer;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.keycloak.events.Errors;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LoginEvents;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code Authorization: Bearer <token from /a>}. The token is a Keycloak access token, checked by
 * Keycloak's own bearer authentication (signature, expiry, session still active); only tokens that /a
 * issued (their session says so) are accepted here.
 */
final class BearerScheme implements LegacyScheme {

    private static final Logger LOG = Logger.getLogger(BearerScheme.class);
    private static final String PREFIX = "bearer ";

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().headerValues(HttpHeaders.AUTHORIZATION).stream()
                .anyMatch(value -> value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()));
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        String token;
        try {
            token = context.request().singleHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim();
        } catch (MalformedCredentialException e) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(context.session())
                    .setRealm(context.realm())
                    .setTokenString(token)
                    .authenticate();
        } catch (RuntimeException e) {
            if (Unavailable.cause(e) != null) {
                throw e; // the session could not be looked up: 503, not a refusal the client would act on
            }
            LOG.debugf("Unusable bearer token in realm %s: %s", context.realm().getName(), e.getClass().getSimpleName());
            result = null;
        }
        if (result == null || result.getSession() == null
                || !BearerSchemeFactory.PROVIDER_ID.equals(result.getSession().getNote(LoginEvents.SCHEME))) {
            return Outcome.unauthenticated(Errors.INVALID_TOKEN, null);
        }
        if (!PasswordFingerprint.stillCurrent(result.getSession(), result.getUser())) {
            // the password it was issued for has changed: the bearer ends with it
            context.session().sessions().removeUserSession(context.realm(), result.getSession());
            return Outcome.unauthenticated(Errors.SESSION_EXPIRED, result.getUser());
        }
        context.event().user(result.getUser()).session(result.getSession());
        return Outcome.authenticated(new Principal(result.getUser(), RoleUtils.getDeepUserRoleMappings(result.getUser()),
                BearerSchemeFactory.PROVIDER_ID, null));
    }
}
