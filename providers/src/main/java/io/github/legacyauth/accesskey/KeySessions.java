package io.github.legacyauth.accesskey;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * Sessions an access key opened (direct grant): marked with a note naming the key. Such a session never
 * manages keys or application tokens, at the account or the admin endpoints, whatever roles its user has.
 */
public final class KeySessions {

    private KeySessions() {
    }

    /** Whether the session is one an access key opened. */
    public static boolean openedByKey(UserSessionModel userSession) {
        return userSession != null && userSession.getNote(AccountAccessKeysResource.ACCESS_KEY_SESSION_NOTE) != null;
    }

    /** Whether this token belongs to a session an access key opened (online or, from older versions, offline). */
    public static boolean openedByKey(KeycloakSession session, RealmModel realm, AccessToken token) {
        String sessionId = token == null ? null : token.getSessionId();
        if (sessionId == null) {
            return false;
        }
        UserSessionModel online = session.sessions().getUserSession(realm, sessionId);
        return openedByKey(online) || openedByKey(session.sessions().getOfflineUserSession(realm, sessionId));
    }
}
