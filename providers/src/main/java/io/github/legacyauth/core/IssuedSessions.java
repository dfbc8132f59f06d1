package io.github.legacyauth.core;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Sessions we issue a secret for (Tuleap token pairs, ZaneOps session cookies). Each is a Keycloak
 * <em>offline</em> user session with one client session of the scheme's client: offline sessions are
 * stored in Keycloak's database, survive restarts, replicate across a cluster, appear in the admin
 * console (Sessions, with type "Offline"; the client's Sessions tab; the user's Consents tab) and are
 * ended there. Regular user sessions would not do: Keycloak ends them after the realm's SSO idle and
 * maximum times (30 minutes and 10 hours by default), shorter than a token pair's 24 hours.
 *
 * <p>The session keeps only the SHA-256 of the secret and its expiry, in notes. A session ends at the
 * first of: its own expiry, an admin's sign-out or consent revocation, a "not before" push for the realm,
 * the client or the user (the user's "Sign out" sets one), a change of the user's password
 * ({@link PasswordFingerprint}), or Keycloak's offline-session limits.
 *
 * <p>Keycloak 26 can bring a deleted session back: a lookup that misses its cache while the session is
 * being deleted puts the row it read back into the cache (keycloak/keycloak#51127), where every node then
 * finds it. So the extension ends a session in two steps: it first commits a note {@value #ENDED_NOTE} on
 * the session in a transaction of its own, then removes the session; a copy brought back from the
 * database after the first step carries the note and is refused (and removed again) wherever it turns
 * up. For a copy read before the first step and put back after the removal, a marker in Keycloak's
 * cluster-wide single-use store refuses the session for {@value #MARKER_SECONDS} seconds after its end.
 * The markers are few (one per session ended in that time) and short-lived, so ending sessions cannot
 * fill the store.
 */
public final class IssuedSessions {

    /** Note holding the SHA-256 of the secret. */
    public static final String SECRET_NOTE = "legacy-auth.secret-sha256";
    /** Note holding the epoch second at which the secret stops working. */
    public static final String EXPIRES_NOTE = "legacy-auth.expires";
    /** Note on a session the extension has ended, committed before the session is removed. */
    static final String ENDED_NOTE = "legacy-auth.ended";
    /** Prefix of the marker a session the extension ended leaves in Keycloak's single-use store. */
    static final String ENDED_MARKER = "legacy-auth.ended.";
    /** How long the marker lives. */
    static final int MARKER_SECONDS = 600;
    /** Last-access updates are written at most this often, so busy clients do not write on every call. */
    static final int REFRESH_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(IssuedSessions.class);

    private IssuedSessions() {
    }

    /** A new session: its secret (shown once) and how long it lives. */
    public record Issued(String secret, UserSessionModel session, int lifetimeSeconds) {
    }

    /** What a presented secret proved, and the session when it proved something. */
    public record Checked(Outcome outcome, UserSessionModel session) {
    }

    public static Issued open(KeycloakSession session, RealmModel realm, ClientModel client, UserModel user,
                              String loginName, IssuedSessionKind kind, int lifetimeSeconds) {
        IssuedSecret.Minted minted = kind.format().mint();
        UserSessionProvider sessions = session.sessions();
        UserSessionModel online = sessions.createUserSession(minted.sessionId(), realm, user, loginName,
                session.getContext().getConnection().getRemoteHost(), LoginEvents.AUTH_METHOD, false, null, null,
                UserSessionModel.SessionPersistenceState.TRANSIENT);
        AuthenticatedClientSessionModel clientSession = sessions.createClientSession(realm, client, online);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        int expires = Time.currentTime() + lifetimeSeconds;
        online.setNote(LoginEvents.SCHEME, kind.scheme());
        online.setNote(SECRET_NOTE, SecretHash.hash(minted.text()));
        online.setNote(EXPIRES_NOTE, String.valueOf(expires));
        PasswordFingerprint.record(online, user);
        UserSessionModel offline = sessions.createOfflineUserSession(online);
        sessions.createOfflineClientSession(clientSession, offline);
        LegacyMetrics.sessions(realm.getName(), kind.scheme(), "created");
        return new Issued(minted.text(), offline, lifetimeSeconds);
    }

    /**
     * Checks a presented secret: well formed, naming a live session of this scheme and client, matching
     * the stored hash (constant time), not expired, not pushed out by a "not before", of an enabled user.
     */
    public static Checked check(SchemeContext context, IssuedSessionKind kind, String presented) {
        ClientModel client = kind.settings(context.settings()).client(context.realm());
        if (client == null) {
            return refused(Errors.CLIENT_NOT_FOUND, null);
        }
        String scheme = kind.scheme();
        String sessionId;
        try {
            sessionId = kind.format().sessionIdOf(presented);
        } catch (MalformedCredentialException e) {
            return refused(MalformedCredentialException.EVENT_ERROR, null);
        }
        KeycloakSession session = context.session();
        RealmModel realm = context.realm();
        UserSessionModel userSession = session.sessions()
                .getUserSessionIfClientExists(realm, sessionId, true, client.getId());
        if (userSession == null) {
            return refused(Errors.USER_SESSION_NOT_FOUND, null);
        }
        String storedHash = userSession.getNote(SECRET_NOTE);
        if (!scheme.equals(userSession.getNote(LoginEvents.SCHEME)) || storedHash == null
                || !SecretHash.matches(presented, storedHash)) {
            return refused(Errors.INVALID_TOKEN, null);
        }
        if (userSession.getNote(ENDED_NOTE) != null
                || session.singleUseObjects().contains(ENDED_MARKER + userSession.getId())) {
            // ended by the extension, and brought back by Keycloak's session cache: end it again
            LOG.debugf("Refused a %s session of realm %s that was ended and came back", scheme, realm.getName());
            session.sessions().removeOfflineUserSession(realm, userSession);
            return refused(Errors.USER_SESSION_NOT_FOUND, null);
        }
        UserModel user = userSession.getUser();
        int now = Time.currentTime();
        if (now >= expiry(userSession) || userSession.getStarted() < notBefore(session, realm, client, user)) {
            LOG.debugf("Ending expired %s session of realm %s", scheme, realm.getName());
            end(session, realm, userSession, "expired");
            return refused(Errors.SESSION_EXPIRED, user);
        }
        if (user == null || !user.isEnabled()) {
            return refused(Errors.USER_DISABLED, user);
        }
        if (!PasswordFingerprint.stillCurrent(userSession, user)) {
            LOG.debugf("Ending a %s session of realm %s: its user's password has changed", scheme, realm.getName());
            end(session, realm, userSession, "expired");
            return refused(Errors.SESSION_EXPIRED, user);
        }
        if (now - userSession.getLastSessionRefresh() >= REFRESH_INTERVAL_SECONDS) {
            if (!stillStored(session, realm, userSession.getId())) {
                // a copy in Keycloak's cache of a session no longer in the database (keycloak#51127)
                LOG.debugf("Refused a %s session of realm %s that is no longer stored", scheme, realm.getName());
                session.sessions().removeOfflineUserSession(realm, userSession);
                return refused(Errors.USER_SESSION_NOT_FOUND, null);
            }
            userSession.setLastSessionRefresh(now);
        }
        context.event().user(user).session(userSession).client(client);
        return new Checked(Outcome.authenticated(new Principal(user, RoleUtils.getDeepUserRoleMappings(user), scheme,
                null)), userSession);
    }

    /** Ends a session its holder logged out of. */
    public static void end(KeycloakSession session, RealmModel realm, UserSessionModel userSession) {
        end(session, realm, userSession, "revoked");
    }

    private static void end(KeycloakSession session, RealmModel realm, UserSessionModel userSession, String operation) {
        String scheme = userSession.getNote(LoginEvents.SCHEME);
        markEnded(session, realm, userSession.getId());
        session.singleUseObjects().put(ENDED_MARKER + userSession.getId(), MARKER_SECONDS, Map.of());
        session.sessions().removeOfflineUserSession(realm, userSession);
        LegacyMetrics.sessions(realm.getName(), scheme == null ? "unknown" : scheme, operation);
    }

    /**
     * Whether the database still holds the offline session: asked once a minute per session (with the
     * last-access update), so a copy Keycloak's cache brought back after the session was removed works
     * for at most a minute once its marker is gone. Keycloak's session persister is called by name (its
     * module is not published for compiling against); without it, the answer is yes.
     */
    private static boolean stillStored(KeycloakSession session, RealmModel realm, String sessionId) {
        if (PERSISTER == null) {
            return true;
        }
        Object persister = session.getProvider(PERSISTER);
        if (persister == null) {
            return true;
        }
        try {
            return LOAD_SESSION.invoke(persister, realm, sessionId, true) != null;
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // a database that cannot answer is the guard's 503
            }
            LOG.debugf("Cannot ask Keycloak's session persister: %s", e.toString());
            return true;
        }
    }

    private static final Class<? extends org.keycloak.provider.Provider> PERSISTER;
    private static final java.lang.reflect.Method LOAD_SESSION;

    static {
        Class<? extends org.keycloak.provider.Provider> type = null;
        java.lang.reflect.Method load = null;
        try {
            type = Class.forName("org.keycloak.models.session.UserSessionPersisterProvider")
                    .asSubclass(org.keycloak.provider.Provider.class);
            load = type.getMethod("loadUserSession", RealmModel.class, String.class, boolean.class);
        } catch (ReflectiveOperationException | ClassCastException e) {
            LOG.infof("Keycloak's session persister is not available (%s): token pairs and session cookies are"
                    + " not re-checked against the database", e.toString());
            type = null;
            load = null;
        }
        PERSISTER = type;
        LOAD_SESSION = load;
    }

    /**
     * Commits the note {@value #ENDED_NOTE} on the session in a transaction of its own, before the request
     * removes the session: every copy of its row read from now on carries the note.
     */
    private static void markEnded(KeycloakSession session, RealmModel realm, String sessionId) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), inner -> {
            RealmModel innerRealm = inner.realms().getRealm(realm.getId());
            if (innerRealm == null) {
                return;
            }
            inner.getContext().setRealm(innerRealm);
            UserSessionModel stored = inner.sessions().getOfflineUserSession(innerRealm, sessionId);
            if (stored != null) {
                stored.setNote(ENDED_NOTE, String.valueOf(Time.currentTime()));
            }
        });
    }

    private static int expiry(UserSessionModel userSession) {
        try {
            return Integer.parseInt(userSession.getNote(EXPIRES_NOTE));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int notBefore(KeycloakSession session, RealmModel realm, ClientModel client, UserModel user) {
        int userNotBefore = user == null ? 0 : session.users().getNotBeforeOfUser(realm, user);
        return Math.max(Math.max(realm.getNotBefore(), client.getNotBefore()), userNotBefore);
    }

    private static Checked refused(String error, UserModel user) {
        return new Checked(Outcome.unauthenticated(error, user), null);
    }
}
