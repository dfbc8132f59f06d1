package io.github.legacyauth.accesskey;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.JsonBody;
import io.github.legacyauth.core.LegacySessions;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /realms/{realm}/legacy-auth/account/access-keys}: the signed-in user's own keys. Authenticated
 * with a Keycloak bearer token for the account console (Keycloak's own bearer authentication; audience
 * {@code account}, role {@code manage-account}). A session that itself came from an access key can
 * never create or revoke keys, nor can one opened with a password that has since changed.
 */
public final class AccountAccessKeysResource {

    /** User-session note marking sessions that an access key opened (direct grant). */
    public static final String ACCESS_KEY_SESSION_NOTE = "legacy-auth.access-key";
    static final String CREDENTIAL_TYPE = "legacy-access-key";

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccountAccessKeysResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    public Response list() {
        return Unavailable.guard(session, () -> {
            AuthResult auth = authenticate();
            if (auth == null) {
                return unauthorized();
            }
            if (!hasAccountRole(auth.getToken(), AccountRoles.MANAGE_ACCOUNT) && !hasAccountRole(auth.getToken(), AccountRoles.VIEW_PROFILE)) {
                return forbidden();
            }
            return new KeyOwnerResource(session, realm).list(auth.getUser());
        });
    }

    /**
     * What the account console needs to offer a new key: whether keys are on, the realm's limits, and
     * the roles the user holds now (the scopes a key may be limited to).
     */
    @GET
    @Path("options")
    public Response options() {
        return Unavailable.guard(session, () -> {
            AuthResult auth = authenticate();
            if (auth == null) {
                return unauthorized();
            }
            if (!mayManage(auth)) {
                return forbidden();
            }
            return new KeyOwnerResource(session, realm).options(auth.getUser());
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return Unavailable.guard(session, () -> {
            AuthResult auth = authenticate();
            if (auth == null) {
                return unauthorized();
            }
            if (!mayManage(auth)) {
                return forbidden();
            }
            if (impersonated(auth, EventType.UPDATE_CREDENTIAL, null)) {
                return impersonationRefused();
            }
            KeyRequest request;
            try {
                request = JsonBody.read(body, KeyRequest.class);
            } catch (JsonBody.Refused refused) {
                return refused.response();
            }
            return new KeyOwnerResource(session, realm).create(auth.getUser(), request,
                    key -> event(auth, EventType.UPDATE_CREDENTIAL, key.id()));
        });
    }

    /** A new secret for one of the user's own keys (same id, description and scopes); shown once. */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id) {
        return Unavailable.guard(session, () -> {
            AuthResult auth = authenticate();
            if (auth == null) {
                return unauthorized();
            }
            if (!mayManage(auth)) {
                return forbidden();
            }
            if (impersonated(auth, EventType.UPDATE_CREDENTIAL, id)) {
                return impersonationRefused();
            }
            return new KeyOwnerResource(session, realm).regenerate(auth.getUser(), id,
                    key -> event(auth, EventType.UPDATE_CREDENTIAL, key.id()));
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return Unavailable.guard(session, () -> {
            AuthResult auth = authenticate();
            if (auth == null) {
                return unauthorized();
            }
            if (!mayManage(auth)) {
                return forbidden();
            }
            return new KeyOwnerResource(session, realm).revoke(auth.getUser(), id,
                    () -> event(auth, EventType.REMOVE_CREDENTIAL, id));
        });
    }

    /** Keycloak's own bearer authentication, with the account REST API's audience rule. */
    private AuthResult authenticate() {
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.getUser().getServiceAccountClientLink() != null) {
            return null;
        }
        AccessToken token = auth.getToken();
        if (token.getAudience() == null || token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID) == null) {
            // a lightweight token: expand its claims as introspection would
            AccessTokenIntrospectionProvider introspection = (AccessTokenIntrospectionProvider) session.getProvider(
                    TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            token = introspection.transformAccessToken(token, auth.getSession());
        }
        if (!token.hasAudience(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID)) {
            return null;
        }
        return new AuthResult(auth.getUser(), auth.getSession(), token, auth.getClient());
    }

    /**
     * The account console's role, in a session no legacy credential opened (a key or a password at a
     * legacy door must not mint its successor) and whose password has not changed since.
     */
    private static boolean mayManage(AuthResult auth) {
        return hasAccountRole(auth.getToken(), AccountRoles.MANAGE_ACCOUNT) && !KeySessions.openedByKey(auth.getSession())
                && !LegacySessions.openedByLegacyCredential(auth.getSession())
                && (auth.getSession() == null || PasswordFingerprint.stillCurrent(auth.getSession(), auth.getUser()));
    }

    /**
     * Whether an admin is impersonating the user in this session: such a session never creates a key or a
     * new secret, which would outlive the impersonation and be audited as the user's own act. The refusal
     * is an event naming the impersonator; an admin who needs a key for a user uses the admin endpoint,
     * which audits the admin.
     */
    private boolean impersonated(AuthResult auth, EventType type, String keyId) {
        String impersonator = LegacySessions.impersonator(auth.getSession());
        if (impersonator == null) {
            return false;
        }
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .user(auth.getUser())
                .client(auth.getClient())
                .session(auth.getSession())
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail("impersonator_id", impersonator)
                .detail(Details.IMPERSONATOR, auth.getSession().getNote(LegacySessions.IMPERSONATOR_USERNAME));
        if (keyId != null) {
            event.detail(AccessKeyVerifier.KEY_ID_DETAIL, keyId);
        }
        event.error(Errors.NOT_ALLOWED);
        return true;
    }

    private static Response impersonationRefused() {
        return Challenge.error(403, "forbidden", "An impersonating admin cannot create access keys for the user;"
                + " use the admin endpoint, which records the admin");
    }

    private static boolean hasAccountRole(AccessToken token, String role) {
        AccessToken.Access access = token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        return access != null && access.isUserInRole(role);
    }

    private void event(AuthResult auth, EventType type, String keyId) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .user(auth.getUser())
                .client(auth.getClient())
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(AccessKeyVerifier.KEY_ID_DETAIL, keyId);
        String impersonator = LegacySessions.impersonator(auth.getSession());
        if (impersonator != null) {
            // a revocation in an impersonated session: the admin's act, recorded as theirs
            event.detail("impersonator_id", impersonator)
                    .detail(Details.IMPERSONATOR, auth.getSession().getNote(LegacySessions.IMPERSONATOR_USERNAME));
        }
        event.success();
    }

    private static Response unauthorized() {
        return Challenge.error(401, "unauthorized", "A bearer token of the account console is required");
    }

    private static Response forbidden() {
        return Challenge.error(403, "forbidden", "This token may not manage access keys");
    }
}
