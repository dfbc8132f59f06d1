package io.github.legacyauth.admin;

import java.util.Map;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.github.legacyauth.accesskey.AdminAccessKeysResource;
import io.github.legacyauth.accesskey.KeySessions;
import io.github.legacyauth.accesskey.RealmKeysResource;
import io.github.legacyauth.basic.AppTokensAdminResource;
import io.github.legacyauth.core.ExtensionVersion;
import io.github.legacyauth.core.LegacySessions;
import io.github.legacyauth.core.PasswordFingerprint;
import io.github.legacyauth.core.Unavailable;

/** Mounts the extension's admin endpoints under {@code /admin/realms/{realm}/legacy-auth}. */
public final class LegacyAuthAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        AdminRealmResourceProvider, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "legacy-auth";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                              AdminEventBuilder adminEvent) {
        return new LegacyAuthAdminResource(session, realm, auth, adminEvent);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get());
    }

    /** {@code /admin/realms/{realm}/legacy-auth}. */
    public static final class LegacyAuthAdminResource {

        private final KeycloakSession session;
        private final RealmModel realm;
        private final AdminPermissionEvaluator auth;
        private final AdminEventBuilder adminEvent;

        LegacyAuthAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                AdminEventBuilder adminEvent) {
            this.session = session;
            this.realm = realm;
            this.auth = auth;
            this.adminEvent = adminEvent;
        }

        @Path("app-tokens")
        public Object appTokens() {
            return Unavailable.locate(session, () -> {
                refuseKeySessions();
                return new AppTokensAdminResource(session, realm, auth, adminEvent);
            });
        }

        @Path("settings")
        public Object settings() {
            return Unavailable.locate(session, () -> {
                refuseKeySessions();
                return new SettingsResource(session, realm, auth, adminEvent);
            });
        }

        @Path("access-keys")
        public Object realmKeys() {
            return Unavailable.locate(session, () -> {
                refuseKeySessions();
                return new RealmKeysResource(session, realm, auth);
            });
        }

        @Path("users/{userId}/access-keys")
        public Object accessKeys(@PathParam("userId") String userId) {
            return Unavailable.locate(session, () -> {
                refuseKeySessions();
                return new AdminAccessKeysResource(session, realm, auth, adminEvent, userId);
            });
        }

        /**
         * An admin token from a session a legacy credential opened (an access key, or a password at a legacy
         * door) never manages keys, tokens or settings here: a legacy credential must not mint its
         * successor, even one of a user who holds admin roles. Nor does a session whose password has
         * changed since it was opened; and a session an admin opened by impersonating another reads and
         * revokes, but creates nothing.
         */
        private void refuseKeySessions() {
            AdminAuth admin = auth.adminAuth();
            if (KeySessions.openedByKey(session, admin.getRealm(), admin.getToken())
                    || LegacySessions.openedByLegacyCredential(session, admin.getRealm(), admin.getToken())) {
                throw new ForbiddenException("A session opened with a legacy credential cannot manage keys or tokens");
            }
            String sessionId = admin.getToken() == null ? null : admin.getToken().getSessionId();
            UserSessionModel userSession = sessionId == null ? null : session.sessions().getUserSession(admin.getRealm(), sessionId);
            if (userSession != null && !PasswordFingerprint.stillCurrent(userSession, admin.getUser())) {
                throw new ForbiddenException("The password this session was opened with has changed");
            }
            String impersonator = LegacySessions.impersonator(userSession);
            String method = session.getContext().getHttpRequest().getHttpMethod();
            if (impersonator != null && !"GET".equals(method) && !"HEAD".equals(method) && !"DELETE".equals(method)) {
                // a key minted here would outlive the impersonation and be recorded as the impersonated admin's
                new EventBuilder(admin.getRealm(), session, session.getContext().getConnection())
                        .event(EventType.UPDATE_CREDENTIAL)
                        .user(admin.getUser())
                        .session(userSession)
                        .detail("impersonator_id", impersonator)
                        .detail(Details.IMPERSONATOR, userSession.getNote(LegacySessions.IMPERSONATOR_USERNAME))
                        .error(Errors.NOT_ALLOWED);
                throw new ForbiddenException("An impersonating admin reads and revokes here, but creates nothing;"
                        + " sign in as yourself");
            }
        }
    }
}
