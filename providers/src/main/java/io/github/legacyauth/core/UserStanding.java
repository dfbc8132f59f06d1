package io.github.legacyauth.core;

import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What must hold of a user for any of their credentials to pass, whatever the scheme (password, access
 * key, application token, token pair, session cookie, bearer, key grant): enabled, not locked by
 * Keycloak's brute-force detection, and no required action pending. Checked on every request, after the
 * credential proved itself, so a lockout or a required action set by an admin ends every way in at once
 * and is lifted the moment Keycloak lifts it. Service accounts have neither lockouts nor required actions.
 */
public final class UserStanding {

    private UserStanding() {
    }

    /** The refusal for this user, or null when the user is in good standing. */
    public static Outcome.Refused refusal(SchemeContext context, UserModel user) {
        return refusal(context.session(), context.realm(), user);
    }

    /** The refusal for this user, or null when the user is in good standing. */
    public static Outcome.Refused refusal(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!user.isEnabled()) {
            return (Outcome.Refused) Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        if (user.getServiceAccountClientLink() != null) {
            return null;
        }
        if (realm.isBruteForceProtected() && PasswordLogin.isLockedOut(session, realm, user)) {
            return (Outcome.Refused) Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
        }
        if (user.getRequiredActionsStream().findAny().isPresent()) {
            return (Outcome.Refused) Outcome.forbidden(Errors.RESOLVE_REQUIRED_ACTIONS, user);
        }
        return null;
    }
}
