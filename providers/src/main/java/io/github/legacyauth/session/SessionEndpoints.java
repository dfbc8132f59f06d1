package io.github.legacyauth.session;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.IssuedSessions;
import io.github.legacyauth.core.LegacyMetrics;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SchemeRegistry;
import io.github.legacyauth.core.SessionIssuer;
import io.github.legacyauth.core.Unavailable;

/**
 * ZaneOps' session endpoints under {@code /realms/{realm}/legacy-auth/auth}: {@code POST login} (JSON
 * username and password -> 201 and the {@code sessionid} cookie), {@code GET me} (the signed-in user) and
 * {@code DELETE logout} (ends the session; needs the CSRF token like every state change; 204). All answer
 * 403 while session cookies are off. The CSRF cookie comes from {@link CsrfEndpoint}.
 */
public final class SessionEndpoints {

    static final MediaType JSON = MediaType.valueOf("application/json; charset=utf-8");
    static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    private static final IssuedSessionKind KIND = SessionCookieSchemeFactory.KIND;

    private final KeycloakSession session;
    private final RealmModel realm;

    public SessionEndpoints(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    @Path("login")
    public Response login(InputStream body) {
        return Unavailable.guard(session, () -> {
            IssuedSessionKind.Settings cookies = KIND.settings(RealmSettings.of(realm));
            if (cookies.enabled() && CrossOriginLogin.refused(session, cookies.client(realm))) {
                SessionIssuer.context(session, RealmSettings.of(realm), KIND, EventType.LOGIN).event()
                        .error(CrossOriginLogin.EVENT_ERROR);
                return Challenge.error(403, "forbidden", "A login from another origin is refused");
            }
            return SessionIssuer.issue(session, body, KIND, (user, issued) -> Response.status(Response.Status.CREATED)
                    .type(JSON)
                    .entity(Map.of("success", true))
                    .cacheControl(NO_STORE)
                    .header(HttpHeaders.SET_COOKIE, SetCookie.of(session, SessionCookieScheme.SESSION_COOKIE,
                            issued.secret(), issued.lifetimeSeconds(), true))
                    .build());
        });
    }

    @GET
    @Path("me")
    public Response me() {
        return signedIn(EventType.LOGIN, (context, checked) -> {
            UserModel user = checked.session().getUser();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("username", user.getUsername());
            fields.put("first_name", orEmpty(user.getFirstName()));
            fields.put("last_name", orEmpty(user.getLastName()));
            return Response.ok(Map.of("user", fields), JSON).cacheControl(NO_STORE).build();
        });
    }

    @DELETE
    @Path("logout")
    public Response logout() {
        return signedIn(EventType.LOGOUT, (context, checked) -> {
            IssuedSessions.end(session, realm, checked.session());
            return Response.noContent()
                    .cacheControl(NO_STORE)
                    .header(HttpHeaders.SET_COOKIE, SetCookie.expired(session, SessionCookieScheme.SESSION_COOKIE))
                    .build();
        });
    }

    /**
     * Runs {@code action} for the session the request's cookie names, after the same checks as /verify
     * (CSRF and the API-access gate included): 401 without a usable cookie, 403 when refused. The event
     * of the given type records the outcome.
     */
    private Response signedIn(EventType type,
                              BiFunction<SchemeContext, IssuedSessions.Checked, Response> action) {
        return Unavailable.guard(session, () -> checkThen(type, action));
    }

    private Response checkThen(EventType type, BiFunction<SchemeContext, IssuedSessions.Checked, Response> action) {
        long start = System.nanoTime();
        RealmSettings settings = RealmSettings.of(realm);
        IssuedSessionKind.Settings cookies = KIND.settings(settings);
        if (!cookies.enabled()) {
            return KIND.disabled(realm, cookies);
        }
        SchemeContext context = SessionIssuer.context(session, settings, KIND, type);
        if (!Cookies.present(context.request(), SessionCookieScheme.SESSION_COOKIE)) {
            return Challenge.unauthorized(List.of());
        }
        IssuedSessions.Checked checked;
        try {
            checked = SessionCookieScheme.check(context, Cookies.of(context.request()));
        } catch (MalformedCredentialException e) {
            checked = new IssuedSessions.Checked(
                    Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null), null);
        }
        Outcome outcome = SchemeRegistry.gate(context, checked.outcome());
        LegacyMetrics.request(realm.getName(), SessionCookieSchemeFactory.PROVIDER_ID, LegacyMetrics.ISSUE, outcome,
                start);
        if (outcome instanceof Outcome.Refused refused) {
            if (refused.user() != null) {
                context.event().user(refused.user());
            }
            context.event().error(refused.error());
            return Challenge.refusal(refused, List.of());
        }
        Response response = action.apply(context, checked);
        context.event().success();
        return response;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
