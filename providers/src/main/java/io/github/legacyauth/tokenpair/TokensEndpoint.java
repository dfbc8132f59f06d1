package io.github.legacyauth.tokenpair;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.IssuedSessions;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SessionIssuer;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /realms/{realm}/legacy-auth/tokens}: Tuleap's {@code /api/tokens}.
 * {@code POST} with JSON {@code {"username","password"}} -> 200 {@code {"user_id","token","uri"}};
 * {@code DELETE /tokens/{token}} ends that token (204). 400 for a body that cannot be read, 401 for bad
 * credentials or an unknown token, 403 when token pairs are off or the user has no API access.
 */
public final class TokensEndpoint {

    static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private static final MediaType JSON = MediaType.valueOf("application/json; charset=utf-8");
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    private static final IssuedSessionKind KIND = TokenPairSchemeFactory.KIND;

    private final KeycloakSession session;
    private final RealmModel realm;

    public TokensEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    public Response issue(InputStream body) {
        return Unavailable.guard(session, () -> SessionIssuer.issue(session, body, KIND, (user, issued) -> {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("user_id", user.getId());
            answer.put("token", issued.secret());
            answer.put("uri", tokenUri(issued.secret()));
            return Response.ok(answer, JSON).cacheControl(NO_STORE).build();
        }));
    }

    /** Ends the token named in the path. Knowing the token is the proof; an unknown one is a 401. */
    @DELETE
    @Path("{token}")
    public Response delete(@PathParam("token") String token) {
        return Unavailable.guard(session, () -> {
            RealmSettings settings = RealmSettings.of(realm);
            IssuedSessionKind.Settings pairs = KIND.settings(settings);
            if (!pairs.enabled()) {
                return KIND.disabled(realm, pairs);
            }
            SchemeContext context = SessionIssuer.context(session, settings, KIND, EventType.LOGOUT);
            IssuedSessions.Checked checked = IssuedSessions.check(context, KIND, token);
            if (checked.outcome() instanceof Outcome.Refused refused) {
                context.event().error(refused.error());
                return Challenge.unauthorized(List.of());
            }
            IssuedSessions.end(session, realm, checked.session());
            context.event().success();
            return Response.noContent().cacheControl(NO_STORE).build();
        });
    }

    /** Where this token can be deleted, as the client sees it. */
    private String tokenUri(String token) {
        List<String> prefixes = session.getContext().getRequestHeaders().getRequestHeader(FORWARDED_PREFIX);
        return TokenUri.of(session.getContext().getUri().getRequestUri().getRawPath(),
                prefixes == null || prefixes.size() != 1 ? null : prefixes.get(0), token);
    }
}
