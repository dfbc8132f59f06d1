package io.github.legacyauth.core;

import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * What must hold of a user for any of their credentials to pass, whatever the scheme (password, access
 * key, application token, token pair, session cookie, bearer, key grant): enabled, not locked by
 * Keycloak's brute-force detection, and no required action pending - stored on the user, or computed as
 * Keycloak's own login computes it: an incomplete profile ({@code VERIFY_PROFILE}, when the realm has that
 * action on), and for credentials a password opened, an expired password (the realm's password policy)
 * and a second factor ({@link SecondFactor}). Checked on every request, after the credential proved
 * itself, so a lockout or a required action ends every way in at once and is lifted the moment it is
 * resolved. Service accounts have neither lockouts nor required actions.
 */
public final class UserStanding {

    private UserStanding() {
    }

    /** The refusal for this principal's user, or null when the user is in good standing. */
    public static Outcome.Refused refusal(SchemeContext context, Principal principal) {
        return refusal(context.session(), context.realm(), context.settings(), principal.user(), principal.keyId() == null);
    }

    /**
     * The refusal for this user, or null when the user is in good standing; {@code byPassword}: the
     * credential is the user's password, or a session it opened.
     */
    public static Outcome.Refused refusal(KeycloakSession session, RealmModel realm, RealmSettings settings, UserModel user,
                                          boolean byPassword) {
        if (!user.isEnabled()) {
            return (Outcome.Refused) Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        if (user.getServiceAccountClientLink() != null) {
            return null;
        }
        if (realm.isBruteForceProtected() && PasswordLogin.isLockedOut(session, realm, user)) {
            return (Outcome.Refused) Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
        }
        if (byPassword && SecondFactor.blocksPassword(settings, realm, user)) {
            return (Outcome.Refused) Outcome.unauthenticated(SecondFactor.EVENT_ERROR, user);
        }
        if (user.getRequiredActionsStream().findAny().isPresent() || profileIncomplete(session, realm, user)
                || (byPassword && passwordExpired(realm, user))) {
            return (Outcome.Refused) Outcome.forbidden(Errors.RESOLVE_REQUIRED_ACTIONS, user);
        }
        return null;
    }

    /**
     * Keycloak's {@code VERIFY_PROFILE} trigger: with the action on, a profile that the realm's user profile
     * does not accept as it stands sends the user to complete it, and Keycloak's password grant refuses them.
     */
    static boolean profileIncomplete(KeycloakSession session, RealmModel realm, UserModel user) {
        RequiredActionProviderModel verifyProfile = realm.getRequiredActionProviderByAlias(
                UserModel.RequiredAction.VERIFY_PROFILE.name());
        if (verifyProfile == null || !verifyProfile.isEnabled()) {
            return false;
        }
        // the verdict holds while the user's attributes and the realm's user-profile configuration stay the same
        int basis = ProfileVerdicts.basis(user.getAttributes(), realm.getComponentsStream(realm.getId(),
                        UserProfileProvider.class.getName()).map(component -> component.getConfig()).toList());
        return ProfileVerdicts.NODE.incomplete(realm.getId(), user.getId(), basis, () -> {
            try {
                session.getProvider(UserProfileProvider.class).create(UserProfileContext.UPDATE_PROFILE, user).validate();
                return false;
            } catch (ValidationException e) {
                return true;
            }
        });
    }

    /** Keycloak's {@code UPDATE_PASSWORD} trigger: the password is older than the policy's expiry. */
    static boolean passwordExpired(RealmModel realm, UserModel user) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        int days = policy == null ? -1 : policy.getDaysToExpirePassword();
        if (days == -1) {
            return false;
        }
        CredentialModel password = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().orElse(null);
        if (password == null) {
            return false;
        }
        return password.getCreatedDate() == null
                || Time.toMillis(Time.currentTime()) - password.getCreatedDate() > TimeUnit.DAYS.toMillis(days);
    }
}
