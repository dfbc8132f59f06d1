package io.github.legacyauth.session;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.IssuedSessions;
import io.github.legacyauth.core.LoginBody;
import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.LoginEvents;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordLogin;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SchemeRegistry;

/**
 * ZaneOps' session endpoints under {@code /realms/{realm}/legacy-auth/auth}: {@code POST login} (JSON
 * username and password -> 201 and the {@code sessionid} cookie), {@code GET me} (the signed-in user) and
 * {@code DELETE logout} (ends the session; needs the CSRF token like every state change; 204). All answer
 * 403 while session cookies are off. The CSRF cookie comes from {@link CsrfEndpoint}.
 */
public final class SessionEndpoints {

    private static final Logger LOG = Logger.getLogger(SessionEndpoints.class);
    private static final MediaType JSON = MediaType.valueOf("application/json; charset=utf-8");
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final RealmModel realm;

    public SessionEndpoints(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("login")
    public Response login(InputStream body) {
        RealmSettings settings = RealmSettings.of(realm);
        SessionCookieSettings cookie = SessionCookieSettings.of(settings);
        ClientModel client = cookie.client(realm);
        if (!cookie.enabled() || client == null) {
            return disabled(realm, cookie);
        }
        SchemeContext context = context(settings, EventType.LOGIN);
        LoginBody credentials;
        try {
            credentials = LoginBody.of(session, body);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Unreadable session login in realm %s: %s", realm.getName(), e.getMessage());
            context.event().error(MalformedCredentialException.EVENT_ERROR);
            return Challenge.badRequest("Send a JSON object with the string members username and password"
                    + " (Content-Type: application/json) or the form fields username and password");
        }
        Outcome outcome = PasswordLogin.forIssuing(context, SessionCookieSchemeFactory.PROVIDER_ID,
                credentials.username(), credentials.password());
        if (outcome instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, List.of());
        }
        UserModel user = ((Outcome.Authenticated) outcome).principal().user();
        IssuedSessions.Issued issued = IssuedSessions.open(session, realm, client, user, credentials.username(),
                SessionCookieSchemeFactory.PROVIDER_ID, SessionCookieSchemeFactory.FORMAT, cookie.maxAgeSeconds());
        context.event().session(issued.session()).client(client).success();
        return Response.status(Response.Status.CREATED)
                .type(JSON)
                .entity(Map.of("success", true))
                .cacheControl(NO_STORE)
                .header(HttpHeaders.SET_COOKIE, SetCookie.of(session, SessionCookieScheme.SESSION_COOKIE,
                        issued.secret(), cookie.maxAgeSeconds(), true))
                .build();
    }

    @GET
    @Path("me")
    public Response me() {
        RealmSettings settings = RealmSettings.of(realm);
        SessionCookieSettings cookie = SessionCookieSettings.of(settings);
        if (!cookie.enabled()) {
            return disabled(realm, cookie);
        }
        SchemeContext context = context(settings, EventType.LOGIN);
        if (!Cookies.present(context.request(), SessionCookieScheme.SESSION_COOKIE)) {
            return Challenge.unauthorized(List.of());
        }
        Outcome outcome = signedIn(context).outcome();
        if (outcome instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, List.of());
        }
        context.event().success();
        UserModel user = ((Outcome.Authenticated) outcome).principal().user();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", user.getUsername());
        fields.put("first_name", orEmpty(user.getFirstName()));
        fields.put("last_name", orEmpty(user.getLastName()));
        return Response.ok(Map.of("user", fields), JSON).cacheControl(NO_STORE).build();
    }

    @DELETE
    @Path("logout")
    public Response logout() {
        RealmSettings settings = RealmSettings.of(realm);
        SessionCookieSettings cookie = SessionCookieSettings.of(settings);
        if (!cookie.enabled()) {
            return disabled(realm, cookie);
        }
        SchemeContext context = context(settings, EventType.LOGOUT);
        if (!Cookies.present(context.request(), SessionCookieScheme.SESSION_COOKIE)) {
            return Challenge.unauthorized(List.of());
        }
        IssuedSessions.Checked checked = signedIn(context);
        if (checked.outcome() instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, List.of());
        }
        IssuedSessions.end(session, realm, checked.session());
        context.event().success();
        return Response.noContent()
                .cacheControl(NO_STORE)
                .header(HttpHeaders.SET_COOKIE, SetCookie.expired(session, SessionCookieScheme.SESSION_COOKIE))
                .build();
    }

    /**
     * The session the request's cookie names, through the same checks as /verify (API-access gate and
     * CSRF included); a refusal is recorded as the event's error.
     */
    private IssuedSessions.Checked signedIn(SchemeContext context) {
        IssuedSessions.Checked checked;
        try {
            checked = SessionCookieScheme.check(context, Cookies.of(context.request()));
        } catch (MalformedCredentialException e) {
            checked = new IssuedSessions.Checked(
                    Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null), null);
        }
        if (checked == null) {
            disabled(realm, SessionCookieSettings.of(context.settings()));
            return new IssuedSessions.Checked(Outcome.forbidden(SchemeRegistry.SCHEME_DISABLED, null), null);
        }
        IssuedSessions.Checked gated = new IssuedSessions.Checked(SchemeRegistry.gate(context, checked.outcome()),
                checked.session());
        if (gated.outcome() instanceof Outcome.Refused refused) {
            if (refused.user() != null) {
                context.event().user(refused.user());
            }
            context.event().error(refused.error());
        }
        return gated;
    }

    private SchemeContext context(RealmSettings settings, EventType type) {
        EventBuilder event = LoginEvents.login(session, realm).event(type)
                .detail(LoginEvents.SCHEME, SessionCookieSchemeFactory.PROVIDER_ID);
        return new SchemeContext(session, realm, settings, LegacyRequest.of(session), event, true);
    }

    static Response disabled(RealmModel realm, SessionCookieSettings cookie) {
        if (cookie.enabled()) {
            LOG.warnf("Realm %s has session cookies on, but their client '%s' is missing or disabled",
                    realm.getName(), cookie.clientId());
        }
        return Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
