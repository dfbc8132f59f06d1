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

    private static boolean mayManage(AuthResult auth) {
        return hasAccountRole(auth.getToken(), AccountRoles.MANAGE_ACCOUNT) && !KeySessions.openedByKey(auth.getSession())
                && (auth.getSession() == null || PasswordFingerprint.stillCurrent(auth.getSession(), auth.getUser()));
    }

    private static boolean hasAccountRole(AccessToken token, String role) {
        AccessToken.Access access = token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        return access != null && access.isUserInRole(role);
    }

    private void event(AuthResult auth, EventType type, String keyId) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .user(auth.getUser())
                .client(auth.getClient())
                .detail(Details.CREDENTIAL_TYPE, CREDENTIAL_TYPE)
                .detail(AccessKeyVerifier.KEY_ID_DETAIL, keyId)
                .success();
    }

    private static Response unauthorized() {
        return Challenge.error(401, "unauthorized", "A bearer token of the account console is required");
    }

    private static Response forbidden() {
        return Challenge.error(403, "forbidden", "This token may not manage access keys");
    }
}
