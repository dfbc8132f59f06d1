package io.github.legacyauth.core;

import java.io.InputStream;
import java.util.List;
import java.util.function.BiFunction;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The login of Tuleap's {@code /tokens} and ZaneOps' {@code /auth/login}: a username and password in
 * the body give a new session of the kind. 403 while the kind is off, 400 for an unreadable body, 401
 * for bad credentials, 403 without API access; the endpoint shapes the success.
 */
public final class SessionIssuer {

    private static final Logger LOG = Logger.getLogger(SessionIssuer.class);

    private SessionIssuer() {
    }

    public static Response issue(KeycloakSession session, InputStream body, IssuedSessionKind kind,
                                 BiFunction<UserModel, IssuedSessions.Issued, Response> answer) {
        RealmModel realm = session.getContext().getRealm();
        RealmSettings settings = RealmSettings.of(realm);
        IssuedSessionKind.Settings issuing = kind.settings(settings);
        ClientModel client = issuing.client(realm);
        if (!issuing.enabled() || client == null) {
            return kind.disabled(realm, issuing);
        }
        SchemeContext context = context(session, settings, kind, EventType.LOGIN);
        LoginBody credentials;
        try {
            credentials = LoginBody.of(session, body);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Unreadable %s login in realm %s: %s", kind.scheme(), realm.getName(), e.getMessage());
            context.event().error(MalformedCredentialException.EVENT_ERROR);
            if (e.tooLarge()) {
                return JsonBody.tooLargeAnswer();
            }
            return Challenge.badRequest("Send a JSON object with the string members username and password"
                    + " (Content-Type: application/json) or the form fields username and password");
        }
        Outcome outcome = PasswordLogin.forIssuing(context, kind.scheme(), credentials.username(),
                credentials.password());
        if (outcome instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, List.of());
        }
        UserModel user = ((Outcome.Authenticated) outcome).principal().user();
        IssuedSessions.Issued issued = IssuedSessions.open(session, realm, client, user, credentials.username(),
                kind, issuing.lifetimeSeconds());
        context.event().session(issued.session()).client(client).success();
        return answer.apply(user, issued);
    }

    /** A context for this kind's endpoints, with an event of the given type naming the scheme. */
    public static SchemeContext context(KeycloakSession session, RealmSettings settings, IssuedSessionKind kind,
                                        EventType type) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = LoginEvents.login(session, realm).event(type).detail(LoginEvents.SCHEME, kind.scheme());
        return new SchemeContext(session, realm, settings, LegacyRequest.of(session), event, true);
    }
}
