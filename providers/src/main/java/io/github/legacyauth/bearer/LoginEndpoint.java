package io.github.legacyauth.bearer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.common.util.Time;

import io.github.legacyauth.basic.BasicCredential;
import io.github.legacyauth.core.AdminReach;
import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.JsonBody;
import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.LoginBody;
import io.github.legacyauth.core.LoginEvents;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.PasswordLogin;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SchemeRegistry;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code POST /realms/{realm}/legacy-auth/a}: Zettelstore's login. HTTP Basic or form fields
 * {@code username}/{@code password} -> 200 {@code ("Bearer" "<access token>" <seconds>)}; 400 for a form
 * it cannot read, 401 for bad credentials, 403 when the endpoint is off. The token is a Keycloak access
 * token of a new Keycloak user session (visible and revocable in the admin console).
 */
public final class LoginEndpoint {

    private static final Logger LOG = Logger.getLogger(LoginEndpoint.class);
    private static final MediaType TEXT = MediaType.valueOf("text/plain; charset=utf-8");

    private final KeycloakSession session;
    private final RealmModel realm;

    public LoginEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * Answers once the realm's issuing delay has passed since the request came in, without holding a
     * worker thread for it: the work (and its transaction) is done at once, the finished answer waits on
     * a timer. A request without any credential is answered at once; it costs the server nothing.
     */
    @POST
    public CompletionStage<Response> login() {
        RealmSettings settings = RealmSettings.of(realm);
        BearerSettings bearer = BearerSettings.of(settings);
        if (!bearer.enabled()) {
            return CompletableFuture.completedFuture(Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED));
        }
        long started = System.nanoTime();
        // a 503 (database or cluster unreachable) is answered at once: it issued nothing to slow down
        Attempt attempt = Unavailable.guard(session, () -> issue(settings, bearer),
                () -> new Attempt(Unavailable.answer(), false));
        long remaining = bearer.issuingDelayMillis() - (System.nanoTime() - started) / 1_000_000;
        if (!attempt.credentialPresented() || remaining <= 0) {
            return CompletableFuture.completedFuture(attempt.response());
        }
        return CompletableFuture.supplyAsync(attempt::response,
                CompletableFuture.delayedExecutor(remaining, TimeUnit.MILLISECONDS));
    }

    /** The answer, and whether the request carried a credential at all (only those wait out the delay). */
    private record Attempt(Response response, boolean credentialPresented) {
    }

    private Attempt issue(RealmSettings settings, BearerSettings bearer) {
        String[] credential;
        try {
            credential = credential();
        } catch (MalformedCredentialException e) {
            LOG.debugf("Unreadable login at /a in realm %s: %s", realm.getName(), e.getMessage());
            LoginEvents.login(session, realm).detail(LoginEvents.SCHEME, BearerSchemeFactory.PROVIDER_ID)
                    .error(MalformedCredentialException.EVENT_ERROR);
            return new Attempt(e.tooLarge() ? JsonBody.tooLargeAnswer()
                    : Challenge.badRequest("Send HTTP Basic credentials or the form fields username and password"), true);
        }
        if (credential == null) {
            return new Attempt(Challenge.unauthorized(java.util.List.of("Basic realm=\"" + realm.getName() + "\"")), false);
        }
        return new Attempt(issue(settings, bearer, credential), true);
    }

    private Response issue(RealmSettings settings, BearerSettings bearer, String[] credential) {
        EventBuilder event = LoginEvents.login(session, realm).detail(LoginEvents.SCHEME, BearerSchemeFactory.PROVIDER_ID);
        ClientModel client = bearer.clientId() == null ? null : realm.getClientByClientId(bearer.clientId());
        if (client == null || !client.isEnabled()) {
            LOG.warnf("Realm %s has the login endpoint /a on, but its client '%s' is missing or disabled",
                    realm.getName(), bearer.clientId());
            return Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED);
        }
        String reach = reachProblem(session, realm, client);
        if (reach != null) {
            // the settings page refuses such a client; it or the realm changed since
            LOG.warnf("Realm %s has the login endpoint /a on, but its tokens could reach the admin or account APIs,"
                    + " so it issues none: %s", realm.getName(), reach);
            event.error(SchemeRegistry.SCHEME_DISABLED);
            return Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED);
        }
        SchemeContext context = new SchemeContext(session, realm, settings, LegacyRequest.of(session), event, true);
        Outcome outcome = PasswordLogin.forIssuing(context, BearerSchemeFactory.PROVIDER_ID, credential[0],
                credential[1]);
        if (outcome instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, java.util.List.of("Basic realm=\"" + realm.getName() + "\""));
        }
        UserModel user = ((Outcome.Authenticated) outcome).principal().user();
        AccessTokenResponse token = token(client, user, credential[0], bearer.lifetimeSeconds(), event);
        event.success();
        String body = "(\"Bearer\" \"" + token.getToken() + "\" " + token.getExpiresIn() + ")";
        return Response.ok(body, TEXT).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * Why tokens of {@code client} could reach Keycloak's admin or account API, or null: the realm's admin
     * permissions are fine-grained, the client's role scope admits an administration or account role, or
     * the client lacks the mapper that keeps mappers' claims out when Keycloak expands a token again
     * (the account API does, through introspection, for a token without the {@code account} audience).
     */
    static String reachProblem(KeycloakSession session, RealmModel realm, ClientModel client) {
        String problem = AdminReach.fineGrainedProblem(session, realm);
        problem = problem != null ? problem : AdminReach.clientProblem(client);
        if (problem == null && !AdminReach.tokenMapperOn(client)) {
            problem = "Client '" + client.getClientId() + "' lacks the mapper '" + AdminReach.TOKEN_MAPPER_ID
                    + "' (Legacy access-key scopes), which keeps other mappers' account and administration claims"
                    + " out of its tokens";
        }
        return problem;
    }

    /** Basic first, then the form; null when the request carries neither. */
    private String[] credential() throws MalformedCredentialException {
        LegacyRequest request = LegacyRequest.of(session);
        String authorization = request.singleHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            BasicCredential basic = BasicCredential.fromAuthorization(authorization);
            return new String[] {basic.username(), basic.password()};
        }
        if (session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
            return null;
        }
        LoginBody form = LoginBody.of(session, null);
        return new String[] {form.username(), form.password()};
    }

    /** A Keycloak user session for the user, and an access token of {@code lifetime} seconds for the client. */
    private AccessTokenResponse token(ClientModel client, UserModel user, String loginName, int lifetime,
                                      EventBuilder event) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        authSession.setAuthenticatedUser(user);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(root.getId(), realm, user,
                loginName, session.getContext().getConnection().getRemoteHost(), LoginEvents.AUTH_METHOD, false, null,
                null, UserSessionModel.SessionPersistenceState.PERSISTENT);
        userSession.setNote(LoginEvents.SCHEME, BearerSchemeFactory.PROVIDER_ID);
        PasswordFingerprint.record(userSession, user);
        event.session(userSession).client(client);
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
        TokenManager.AccessTokenResponseBuilder builder = new TokenManager()
                .responseBuilder(realm, client, event, session, userSession, clientSessionCtx)
                .generateAccessToken();
        builder.getAccessToken().exp((long) Time.currentTime() + lifetime);
        AdminReach.strip(builder.getAccessToken());
        return builder.build();
    }
}
