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
 * {@code /realms/{realm}/legacy-auth/tokens}: Tuleap's {@code /api/tokens}.
 * {@code POST} with JSON {@code {"username","password"}} -> 200 {@code {"user_id","token","uri"}};
 * {@code DELETE /tokens/{token}} ends that token (204). 400 for a body that is not such JSON, 401 for
 * bad credentials or an unknown token, 403 when token pairs are off or the user has no API access.
 */
public final class TokensEndpoint {

    private static final Logger LOG = Logger.getLogger(TokensEndpoint.class);
    private static final MediaType JSON = MediaType.valueOf("application/json; charset=utf-8");
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final RealmModel realm;

    public TokensEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @POST
    public Response issue(InputStream body) {
        RealmSettings settings = RealmSettings.of(realm);
        TokenPairSettings pair = TokenPairSettings.of(settings);
        ClientModel client = pair.client(realm);
        if (!pair.enabled() || client == null) {
            return disabled(pair);
        }
        SchemeContext context = context(settings, EventType.LOGIN);
        LoginBody credentials;
        try {
            credentials = LoginBody.of(session, body);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Unreadable token request in realm %s: %s", realm.getName(), e.getMessage());
            context.event().error(MalformedCredentialException.EVENT_ERROR);
            return Challenge.badRequest("Send a JSON object with the string members username and password"
                    + " (Content-Type: application/json) or the form fields username and password");
        }
        Outcome outcome = PasswordLogin.forIssuing(context, TokenPairSchemeFactory.PROVIDER_ID,
                credentials.username(), credentials.password());
        if (outcome instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, List.of());
        }
        UserModel user = ((Outcome.Authenticated) outcome).principal().user();
        IssuedSessions.Issued issued = IssuedSessions.open(session, realm, client, user, credentials.username(),
                TokenPairSchemeFactory.PROVIDER_ID, TokenPairSchemeFactory.FORMAT, pair.lifetimeSeconds());
        context.event().session(issued.session()).client(client).success();

        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("user_id", user.getId());
        answer.put("token", issued.secret());
        answer.put("uri", tokenUri(issued.secret()));
        return Response.ok(answer, JSON).cacheControl(NO_STORE).build();
    }

    /** Ends the token named in the path. Knowing the token is the proof; an unknown one is a 401. */
    @DELETE
    @Path("{token}")
    public Response delete(@PathParam("token") String token) {
        RealmSettings settings = RealmSettings.of(realm);
        TokenPairSettings pair = TokenPairSettings.of(settings);
        ClientModel client = pair.client(realm);
        if (!pair.enabled() || client == null) {
            return disabled(pair);
        }
        SchemeContext context = context(settings, EventType.LOGOUT);
        IssuedSessions.Checked checked = IssuedSessions.check(context, client, TokenPairSchemeFactory.PROVIDER_ID,
                TokenPairSchemeFactory.FORMAT, token);
        if (checked.outcome() instanceof Outcome.Refused refused) {
            context.event().error(refused.error());
            return Challenge.unauthorized(List.of());
        }
        IssuedSessions.end(session, realm, checked.session());
        context.event().success();
        return Response.noContent().cacheControl(NO_STORE).build();
    }

    private SchemeContext context(RealmSettings settings, EventType type) {
        EventBuilder event = LoginEvents.login(session, realm).event(type)
                .detail(LoginEvents.SCHEME, TokenPairSchemeFactory.PROVIDER_ID);
        return new SchemeContext(session, realm, settings, LegacyRequest.of(session), event, true);
    }

    private Response disabled(TokenPairSettings pair) {
        if (pair.enabled()) {
            LOG.warnf("Realm %s has token pairs on, but their client '%s' is missing or disabled",
                    realm.getName(), pair.clientId());
        }
        return Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED);
    }

    /** Where this token can be deleted: the path this request came to, plus the token. */
    private String tokenUri(String token) {
        String path = session.getContext().getUri().getRequestUri().getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + "/" + token;
    }
}
