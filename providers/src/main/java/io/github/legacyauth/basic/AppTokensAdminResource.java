package io.github.legacyauth.basic;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.JsonBody;
import io.github.legacyauth.core.RecordWriteLock;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /admin/realms/{realm}/legacy-auth/app-tokens}: the application API's tokens, for admins who may
 * view (list) or manage (create, revoke) the application client. A new token is shown once; an existing
 * Kanboard token can be imported with {@code "token"}. Creation and revocation are admin events.
 */
public final class AppTokensAdminResource {

    public static final String RESOURCE_TYPE = "LEGACY_AUTH_APP_TOKEN";
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final AppTokenStore store;

    public AppTokensAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                  AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.store = new AppTokenStore(realm);
    }

    @GET
    public Response list() {
        return Unavailable.guard(session, () -> {
            UserModel serviceAccount = serviceAccount(false);
            if (serviceAccount == null) {
                return notConfigured();
            }
            return Response.ok(store.list(serviceAccount), MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build();
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return Unavailable.guard(session, () -> {
            UserModel serviceAccount = serviceAccount(true);
            if (serviceAccount == null) {
                return notConfigured();
            }
            AppTokenStore.AppTokenRequest request;
            try {
                request = JsonBody.read(body, AppTokenStore.AppTokenRequest.class);
            } catch (JsonBody.Refused refused) {
                return refused.response();
            }
            RecordWriteLock.holdUntilCommit(session, realm.getId(), serviceAccount.getId());
            try {
                AppTokenStore.AppTokenRepresentation token = store.create(serviceAccount, request);
                adminEvent.operation(OperationType.CREATE)
                        .resourcePath(session.getContext().getUri(), token.id())
                        .representation(token.withoutToken())
                        .success();
                return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                        .cacheControl(NO_STORE).entity(token).build();
            } catch (AppTokenStore.AppTokenRequestException e) {
                return Challenge.badRequest(e.getMessage());
            }
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return Unavailable.guard(session, () -> {
            UserModel serviceAccount = serviceAccount(true);
            if (serviceAccount == null) {
                return notConfigured();
            }
            RecordWriteLock.holdUntilCommit(session, realm.getId(), serviceAccount.getId());
            if (!store.revoke(serviceAccount, id)) {
                return Challenge.error(404, "not_found", "No such application token");
            }
            adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
            return Response.noContent().build();
        });
    }

    /**
     * The application client's service account, once the admin may view (or manage) that client; null
     * when the realm names no usable client (403 for an admin who may not even list clients).
     */
    private UserModel serviceAccount(boolean manage) {
        String clientId = AppApiSettings.of(RealmSettings.of(realm)).clientId();
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client == null) {
            auth.clients().requireList();
            return null;
        }
        if (manage) {
            auth.clients().requireManage(client);
        } else {
            auth.clients().requireView(client);
        }
        UserModel serviceAccount = session.users().getServiceAccount(client);
        return serviceAccount;
    }

    private static Response notConfigured() {
        return Challenge.error(409, "conflict", "Set the application API client (with a service account) in the"
                + " realm's legacy-auth settings first");
    }
}
