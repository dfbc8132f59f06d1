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

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.JsonBody;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /admin/realms/{realm}/legacy-auth/users/{userId}/access-keys}: an admin manages a user's keys,
 * with Keycloak's user permissions (view to list, manage to create, import or revoke). Creation, import
 * and revocation are admin events; their representation never holds the key.
 */
public final class AdminAccessKeysResource {

    /** Resource type of the admin events. */
    public static final String RESOURCE_TYPE = "LEGACY_AUTH_ACCESS_KEY";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final String userId;

    public AdminAccessKeysResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                   AdminEventBuilder adminEvent, String userId) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(RESOURCE_TYPE);
        this.userId = userId;
    }

    @GET
    public Response list() {
        return Unavailable.guard(session, () -> {
            UserModel user = user();
            if (user == null) {
                return notFound();
            }
            auth.users().requireView(user);
            return new KeyOwnerResource(session, realm).list(user);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return Unavailable.guard(session, () -> {
            UserModel user = user();
            if (user == null) {
                return notFound();
            }
            auth.users().requireManage(user);
            KeyRequest request;
            try {
                request = JsonBody.read(body, KeyRequest.class);
            } catch (JsonBody.Refused refused) {
                return refused.response();
            }
            return new KeyOwnerResource(session, realm).create(user, request, key -> adminEvent.operation(OperationType.CREATE)
                    .resourcePath(session.getContext().getUri(), key.id())
                    .representation(key)
                    .success());
        });
    }

    /**
     * Imports a key the legacy application handed out (see {@link ImportedKeys}), with the permission and
     * the admin event of creating one; the record is in the answer and the event, never a secret.
     */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importKey(InputStream body) {
        return Unavailable.guard(session, () -> {
            UserModel user = user();
            if (user == null) {
                return notFound();
            }
            auth.users().requireManage(user);
            KeyImportRequest request;
            try {
                request = JsonBody.read(body, KeyImportRequest.class);
            } catch (JsonBody.Refused refused) {
                return refused.response();
            }
            return new KeyOwnerResource(session, realm).importKey(user, request, key -> adminEvent
                    .operation(OperationType.CREATE)
                    .resourcePath("legacy-auth", "users", user.getId(), "access-keys", key.id())
                    .representation(key)
                    .success());
        });
    }

    /** A new secret for the key (same id, description and scopes), shown once; an UPDATE admin event. */
    @POST
    @Path("{id}/regenerate")
    public Response regenerate(@PathParam("id") String id) {
        return Unavailable.guard(session, () -> {
            UserModel user = user();
            if (user == null) {
                return notFound();
            }
            auth.users().requireManage(user);
            return new KeyOwnerResource(session, realm).regenerate(user, id, key -> adminEvent
                    .operation(OperationType.UPDATE)
                    .resourcePath("legacy-auth", "users", user.getId(), "access-keys", key.id())
                    .representation(key)
                    .success());
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        return Unavailable.guard(session, () -> {
            UserModel user = user();
            if (user == null) {
                return notFound();
            }
            auth.users().requireManage(user);
            return new KeyOwnerResource(session, realm).revoke(user, id, () -> adminEvent.operation(OperationType.DELETE)
                    .resourcePath(session.getContext().getUri())
                    .success());
        });
    }

    /** The user, or null; an admin who may not even query users learns nothing (403, as Keycloak answers). */
    private UserModel user() {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
        }
        return user;
    }

    private static Response notFound() {
        return Challenge.error(404, "not_found", "User not found");
    }
}
