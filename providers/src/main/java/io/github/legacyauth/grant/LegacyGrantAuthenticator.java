package io.github.legacyauth.grant;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.utils.AuthenticationFlowResolver;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import io.github.legacyauth.accesskey.AccessKeySchemeFactory;
import io.github.legacyauth.accesskey.AccessKeyVerifier;
import io.github.legacyauth.accesskey.AccountAccessKeysResource;
import io.github.legacyauth.core.AdminReach;
import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.LoginEvents;
import io.github.legacyauth.core.LegacyMetrics;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SchemeRegistry;

/**
 * A direct-grant step that accepts one legacy scheme's credential, read from the scheme's own header
 * (at the token endpoint {@code Authorization: Basic} authenticates the client, not the user). It runs
 * the same scheme as /verify; the flow around it counts failures and issues the tokens.
 * No credential of this scheme: "attempted", so an alternative step may try.
 */
final class LegacyGrantAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(LegacyGrantAuthenticator.class);

    private final String schemeId;

    LegacyGrantAuthenticator(String schemeId) {
        this.schemeId = schemeId;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!atTheTokenEndpoint(context)) {
            // in a browser flow it would sign the user in for single sign-on to every client, the admin
            // console included, whose tokens no legacy rule bounds: it authenticates nobody there
            LOG.warnf("Realm %s runs the legacy step '%s' in flow '%s', which is not the client's direct-grant flow at the"
                            + " token endpoint; it authenticates nobody there", context.getRealm().getName(), schemeId,
                    context.getTopLevelFlow() == null ? "?" : context.getTopLevelFlow().getAlias());
            context.attempted();
            return;
        }
        RealmModel realm = context.getRealm();
        RealmSettings settings = RealmSettings.of(realm).overriddenBy(config(context));
        SchemeContext schemeContext = new SchemeContext(context.getSession(), realm, settings,
                LegacyRequest.of(context.getSession()), context.getEvent(), false);
        LegacyScheme scheme = context.getSession().getProvider(LegacyScheme.class, schemeId);
        if (!scheme.presentIn(schemeContext)) {
            context.attempted();
            return;
        }
        context.getEvent().detail(Details.AUTH_METHOD, LoginEvents.AUTH_METHOD).detail(LoginEvents.SCHEME, schemeId);
        LegacySchemeFactory factory = (LegacySchemeFactory) context.getSession().getKeycloakSessionFactory()
                .getProviderFactory(LegacyScheme.class, schemeId);
        if (!settings.isOn(factory.enabledSetting())) {
            context.getEvent().error(SchemeRegistry.SCHEME_DISABLED);
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    error(Response.Status.FORBIDDEN, "access_denied", "This authentication scheme is switched off in this realm"));
            return;
        }
        long start = System.nanoTime();
        Outcome outcome = SchemeRegistry.gateBeforeOwnChecks(schemeContext, scheme.authenticate(schemeContext));
        if (outcome instanceof Outcome.Authenticated authenticated) {
            boolean granted = succeed(context, authenticated);
            LegacyMetrics.request(realm.getName(), schemeId, LegacyMetrics.GRANT,
                    granted ? outcome : Outcome.forbidden(Errors.NOT_ALLOWED, null), start);
        } else if (outcome instanceof Outcome.Refused refused) {
            LegacyMetrics.request(realm.getName(), schemeId, LegacyMetrics.GRANT, outcome, start);
            fail(context, refused);
        }
    }

    /**
     * Whether this step runs where it belongs: the client's direct-grant flow, for a request to the token
     * endpoint. A legacy credential never opens a browser session.
     */
    static boolean atTheTokenEndpoint(AuthenticationFlowContext context) {
        String path = context.getSession().getContext().getUri().getPath();
        AuthenticationFlowModel directGrant = AuthenticationFlowResolver.resolveDirectGrantFlow(context.getAuthenticationSession());
        AuthenticationFlowModel running = context.getTopLevelFlow();
        return path != null && path.endsWith("/protocol/openid-connect/token") && directGrant != null && running != null
                && directGrant.getId().equals(running.getId());
    }

    /** Completes the flow for the principal, or fails it for a rule of this door; true when it succeeded. */
    private boolean succeed(AuthenticationFlowContext context, Outcome.Authenticated authenticated) {
        Principal principal = authenticated.principal();
        if (principal.user().getServiceAccountClientLink() != null) {
            // an application token stands for a client's service account: that client has its own credentials
            context.getEvent().user(principal.user()).error(Errors.NOT_ALLOWED);
            context.failure(AuthenticationFlowError.ACCESS_DENIED, error(Response.Status.BAD_REQUEST,
                    "unauthorized_client", "An application token cannot be exchanged for a user's token; the"
                            + " application's client authenticates with its own credentials"));
            return false;
        }
        if (!KeyScopeMapper.isMappedFor(context.getAuthenticationSession().getClient())) {
            LOG.warnf("Client %s of realm %s accepts legacy credentials in its direct-grant flow but lacks the '%s'"
                            + " mapper, so its tokens could outlive the credential and reach the admin and account"
                            + " APIs; refusing legacy credentials",
                    context.getAuthenticationSession().getClient().getClientId(), context.getRealm().getName(),
                    KeyScopeMapper.PROVIDER_ID);
            context.getEvent().error("legacy_key_mapper_missing");
            context.failure(AuthenticationFlowError.CLIENT_CREDENTIALS_SETUP_REQUIRED,
                    error(Response.Status.FORBIDDEN, "access_denied", "This client is not set up for legacy credentials"));
            return false;
        }
        boolean byKey = AccessKeySchemeFactory.PROVIDER_ID.equals(principal.scheme());
        String problem = byKey ? KeyGrantRule.problem(context.getSession(), context.getAuthenticationSession(), principal)
                : AdminReach.tokenProblem(context.getSession(), context.getAuthenticationSession().getClient(),
                        KeyGrantRule.tokenRoles(context.getSession(), context.getAuthenticationSession().getClient(),
                                principal.user(), context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.SCOPE_PARAM)));
        if (problem != null) {
            context.getEvent().user(principal.user()).detail(Details.REASON, problem).error(Errors.INVALID_REQUEST);
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    error(Response.Status.BAD_REQUEST, "invalid_scope", problem));
            return false;
        }
        if (byKey) {
            context.getAuthenticationSession().setUserSessionNote(AccountAccessKeysResource.ACCESS_KEY_SESSION_NOTE,
                    AccessKeyVerifier.sessionNote(principal));
        }
        context.getAuthenticationSession().setUserSessionNote(LoginEvents.SCHEME, schemeId);
        if (!AccessKeySchemeFactory.PROVIDER_ID.equals(principal.scheme())) {
            // a password opened this session: it ends with that password (checked at each refresh)
            context.getAuthenticationSession().setUserSessionNote(PasswordFingerprint.NOTE,
                    PasswordFingerprint.of(principal.user()));
        }
        context.setUser(principal.user());
        authenticated.onPass().run(); // e.g. the key's last use: only a use that passed every check counts
        context.success();
        return true;
    }

    private static void fail(AuthenticationFlowContext context, Outcome.Refused refused) {
        if (refused.countsTowardsLockout()) {
            // the flow hands this failure to the brute-force protector
            context.setUser(refused.user());
        } else if (refused.user() != null) {
            context.getEvent().user(refused.user());
        }
        context.getEvent().error(refused.error());
        if (Errors.RESOLVE_REQUIRED_ACTIONS.equals(refused.error())) {
            // as Keycloak's own password grant answers
            context.failure(AuthenticationFlowError.INVALID_USER,
                    error(Response.Status.BAD_REQUEST, "invalid_grant", "Account is not fully set up"));
        } else if (refused.refusal() == Outcome.Refusal.FORBIDDEN) {
            context.failure(AuthenticationFlowError.ACCESS_DENIED,
                    error(Response.Status.FORBIDDEN, "access_denied", "API access is not granted to this user"));
        } else {
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                    error(Response.Status.UNAUTHORIZED, "invalid_grant", "Invalid user credentials"));
        }
    }

    private static Map<String, String> config(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return config == null ? Map.of() : config.getConfig();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(error, description)).build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
