package io.github.legacyauth.core;

import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * A username (or e-mail) and password checked the way Keycloak checks them: its user lookup, its
 * credential manager (hash, policy, rehashing), its brute-force protector. We never compare a password.
 *
 * <p>Every refusal costs one password hash, whether the user is unknown, disabled, locked or the password
 * wrong, so response times do not tell them apart.
 */
public final class PasswordLogin {

    private static final Logger LOG = Logger.getLogger(PasswordLogin.class);
    private static final Set<String> PASSWORD_CATEGORY = Set.of(PasswordCredentialModel.TYPE);
    private static final String DUMMY_PASSWORD = "SlightlyLongerDummyPassword";

    private PasswordLogin() {
    }

    public static Outcome attempt(SchemeContext context, String scheme, String username, String password) {
        KeycloakSession session = context.session();
        RealmModel realm = context.realm();
        context.event().detail(Details.USERNAME, username);

        UserModel user = findUser(session, realm, username);
        if (user == null) {
            dummyHash(session, realm);
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        context.event().user(user);
        if (!user.isEnabled()) {
            dummyHash(session, realm);
            return Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        BruteForceProtector protector = realm.isBruteForceProtected()
                ? session.getProvider(BruteForceProtector.class) : null;
        if (protector != null && isLockedOut(session, realm, user)) {
            dummyHash(session, realm);
            return Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
        }

        boolean valid = password != null && !password.isEmpty()
                && user.credentialManager().isValid(UserCredentialModel.password(password));
        if (password == null || password.isEmpty()) {
            dummyHash(session, realm);
        }
        if (!valid) {
            if (protector != null && context.countsFailures()) {
                protector.failedLogin(realm, user, session.getContext().getConnection(),
                        session.getContext().getUri(), PASSWORD_CATEGORY);
            }
            return Outcome.wrongPassword(user);
        }
        if (protector != null && context.countsFailures()
                && session.loginFailures().getUserLoginFailure(realm, user.getId()) != null) {
            // Only a user with failures on record has anything to reset; skipping the others keeps a
            // background job off every successful request.
            protector.successfulLogin(realm, user, session.getContext().getConnection(),
                    session.getContext().getUri(), PASSWORD_CATEGORY);
        }
        return Outcome.authenticated(new Principal(user, RoleUtils.getDeepUserRoleMappings(user), scheme, null));
    }

    /**
     * A password login at an endpoint that issues a credential ({@code /a}, {@code /tokens},
     * {@code /auth/login}): the password check, then the realm's API-access gate. A refusal is recorded
     * as the LOGIN_ERROR event; a success is left for the endpoint to record once it has issued.
     */
    public static Outcome forIssuing(SchemeContext context, String scheme, String username, String password) {
        Outcome outcome = SchemeRegistry.gate(context, attempt(context, scheme, username, password));
        if (outcome instanceof Outcome.Refused refused) {
            if (refused.user() != null) {
                context.event().user(refused.user());
            }
            context.event().error(refused.error());
        }
        return outcome;
    }

    /**
     * Keycloak's lockout rule, read from the user's login-failure record: locked until the wait after the
     * last failure has passed, or for good once the realm's temporary lockouts are used up. Unlike
     * {@link BruteForceProtector#isTemporarilyDisabled} inside an authentication flow, it does not refuse
     * a login because another login of the same user is in progress: legacy clients send the same
     * credential many times at once, and all of those requests must pass. Failures still count.
     */
    static boolean isLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        UserLoginFailureModel failure = session.loginFailures().getUserLoginFailure(realm, user.getId());
        if (failure == null) {
            return false;
        }
        if (Time.currentTime() < failure.getFailedLoginNotBefore()) {
            return true;
        }
        return realm.isPermanentLockout() && failure.getNumTemporaryLockouts() > realm.getMaxTemporaryLockouts();
    }

    private static UserModel findUser(KeycloakSession session, RealmModel realm, String username) {
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
        } catch (ModelDuplicateException e) {
            LOG.debugf("More than one user matches a legacy login in realm %s; refusing it", realm.getName());
            return null;
        }
    }

    /** Spends what checking a real password would cost, with the realm's own hash and policy. */
    static void dummyHash(KeycloakSession session, RealmModel realm) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider provider = policy != null && policy.getHashAlgorithm() != null
                ? session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm())
                : session.getProvider(PasswordHashProvider.class);
        provider.encodedCredential(DUMMY_PASSWORD, policy != null ? policy.getHashIterations() : -1);
    }
}
