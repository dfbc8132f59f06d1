package io.github.legacyauth.session;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.RealmSettings;

/** {@code GET /realms/{realm}/legacy-auth/csrf}: ZaneOps' {@code /api/csrf}, which sets the {@code csrftoken} cookie. */
public final class CsrfEndpoint {

    /** Django's CSRF cookie lives a year (52 weeks); ZaneOps keeps that. */
    static final int CSRF_MAX_AGE = 31_449_600;

    private final KeycloakSession session;
    private final RealmModel realm;

    public CsrfEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** A {@code csrftoken} cookie; a well-formed one the client already has is kept, as Django does. */
    @GET
    public Response csrf() {
        IssuedSessionKind.Settings cookies = SessionCookieSchemeFactory.KIND.settings(RealmSettings.of(realm));
        if (!cookies.enabled()) {
            return SessionCookieSchemeFactory.KIND.disabled(realm, cookies);
        }
        String token;
        try {
            token = Cookies.of(LegacyRequest.of(session)).get(SessionCookieScheme.CSRF_COOKIE);
        } catch (MalformedCredentialException e) {
            token = null;
        }
        if (!CsrfToken.isWellFormed(token)) {
            token = CsrfToken.mint();
        }
        return Response.ok(Map.of("details", "CSRF cookie set"), SessionEndpoints.JSON)
                .cacheControl(SessionEndpoints.NO_STORE)
                .header(HttpHeaders.SET_COOKIE, SetCookie.of(session, SessionCookieScheme.CSRF_COOKIE, token,
                        CSRF_MAX_AGE, false))
                .build();
    }
}
