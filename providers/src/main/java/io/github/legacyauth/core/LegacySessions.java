package io.github.legacyauth.core;

import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * Sessions a legacy credential opened: every session the extension creates or completes (the header and
 * key grants at the token endpoint, {@code /a}, token pairs, session cookies) carries the note
 * {@link LoginEvents#SCHEME} naming its scheme. Such a session never manages keys, application tokens or
 * settings, at the account or the admin endpoints, and its tokens are never exchanged: a legacy credential
 * must not mint its successor, nor become a credential of another client.
 */
public final class LegacySessions {

    /** Keycloak's note on a session an admin opened by impersonating its user. */
    public static final String IMPERSONATOR_ID = ImpersonationSessionNote.IMPERSONATOR_ID.toString();
    /** Keycloak's note naming the impersonating admin. */
    public static final String IMPERSONATOR_USERNAME = ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString();

    private LegacySessions() {
    }

    /** Whether a legacy credential opened this session. */
    public static boolean openedByLegacyCredential(UserSessionModel userSession) {
        return userSession != null && userSession.getNote(LoginEvents.SCHEME) != null;
    }

    /** Whether this token belongs to a session a legacy credential opened (online or offline). */
    public static boolean openedByLegacyCredential(KeycloakSession session, RealmModel realm, AccessToken token) {
        String sessionId = token == null ? null : token.getSessionId();
        if (sessionId == null || realm == null) {
            return false;
        }
        return openedByLegacyCredential(session.sessions().getUserSession(realm, sessionId))
                || openedByLegacyCredential(session.sessions().getOfflineUserSession(realm, sessionId));
    }

    /** The id of the admin impersonating the session's user, or null. */
    public static String impersonator(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(IMPERSONATOR_ID);
    }
}
