package io.github.legacyauth.core;

import java.util.Locale;

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

import io.github.legacyauth.passwordcache.CachedCredential;
import io.github.legacyauth.passwordcache.PasswordCacheSettings;
import io.github.legacyauth.passwordcache.VerifiedPasswordCache;

/**
 * A username (or e-mail) and password checked the way Keycloak checks them: its user lookup, its
 * credential manager (hash, policy, rehashing), its brute-force protector. We never compare a password.
 *
 * <p>Every refusal costs one password hash, whether the user is unknown, disabled, locked, has no password,
 * is a service account or the password is wrong, so response times do not tell them apart. With
 * brute-force detection or the password cache on, the real checks of one user run one at a time on a node
 * ({@link PasswordCheckLock}): each sees the failures counted before it, and requests that waited for a
 * check of the same password find it in the cache ({@link VerifiedPasswordCache}) instead of hashing it
 * again. A password found in the cache passes without the lock or a hash.
 */
public final class PasswordLogin {

    private static final Logger LOG = Logger.getLogger(PasswordLogin.class);
    private static final String DUMMY_PASSWORD = "SlightlyLongerDummyPassword";
    private static final long COUNT_WAIT_MILLIS = 2000;
    private static final long POLL_MILLIS = 5;
    /** With brute-force detection on, how many requests of one name may wait for its checks on a node. */
    static final int MAX_QUEUED = 32;

    private PasswordLogin() {
    }

    public static Outcome attempt(SchemeContext context, String scheme, String username, String password) {
        return attempt(context, scheme, username, findUser(context.session(), context.realm(), username), password);
    }

    /** The same, for a caller that already looked the name up with {@link #findUser}. */
    public static Outcome attempt(SchemeContext context, String scheme, String username, UserModel user,
                                  String password) {
        KeycloakSession session = context.session();
        RealmModel realm = context.realm();
        // a secret sent in the username field (curl -u "$KEY:") never reaches an event or the log
        context.event().detail(Details.USERNAME, SecretShapes.redacted(username));

        BruteForceProtector protector = realm.isBruteForceProtected()
                ? session.getProvider(BruteForceProtector.class) : null;
        // where this code counts failures itself, refusals without a check spend what counting costs
        BruteForceProtector counting = context.countsFailures() ? protector : null;
        int cacheSeconds = PasswordCacheSettings.seconds(context.settings().get(PasswordCacheSettings.SECONDS, null));
        if (user != null) {
            context.event().user(user);
        }
        // a client's service account never signs in with a password, nor (unless the realm allows it) a user
        // with a second factor: their password is not checked at all, so it cannot be guessed here either
        boolean usable = user != null && user.isEnabled() && user.getServiceAccountClientLink() == null
                && !SecondFactor.blocksPassword(context.settings(), realm, user);
        if (usable && cacheSeconds > 0 && recentlyVerified(session, realm, user, password, cacheSeconds)) {
            // A password that verified against the user's current password: no hash and no lock, so
            // parallel clients of one user never queue; the lockout still applies. A cached success does
            // not reset the failure count (a real check does): a client polling with the right password
            // does not give someone guessing beside it more tries.
            if (protector == null || !isLockedOut(session, realm, user)) {
                return success(context, scheme, user, null);
            }
            refuseUnchecked(session, realm, counting);
            return Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
        }
        if (protector == null) {
            return oncePerCredential(context, scheme, username, user, usable, password, cacheSeconds);
        }
        // With brute-force detection on, one check of a user at a time on this node: each sees the failures
        // counted before it. A name that finds no user who may sign in with a password gets its own lock and
        // the same cost, and so does a locked user's refusal, so that a burst of parallel guesses takes as
        // long whoever it names. Requests that waited for a check of the same password do not hash it again:
        // with the cache on they find it cached; with the cache off they share the success of the check that
        // ended while they waited (and only that one: nothing outlives the requests in flight).
        String subject = usable ? user.getId() : "name:" + String.valueOf(username).toLowerCase(Locale.ROOT);
        long arrived = System.nanoTime();
        PasswordCheckLock queued = PasswordCheckLock.acquire(realm.getId(), subject, MAX_QUEUED);
        if (queued == null) {
            // As many requests of this name as a queue may hold are waiting already: refused at once, as
            // Keycloak refuses a login while another of the same user is in progress. Bounds the threads
            // one name can hold, whoever sends it.
            return Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
        }
        try (PasswordCheckLock lock = queued) {
            if (!usable) {
                refuseUnchecked(session, realm, counting);
                return refusal(user);
            }
            UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
            if (isLockedOut(realm, failures)) {
                refuseUnchecked(session, realm, counting);
                return Outcome.unauthenticated(Errors.USER_TEMPORARILY_DISABLED, user);
            }
            Counted counted = new Counted(protector, failures);
            if (cacheSeconds > 0) {
                return check(context, scheme, user, password, counted, cacheSeconds);
            }
            String inFlight = inFlightKey(session, realm, user.getId(), password, CachedCredential.of(session, realm, user));
            if (inFlight != null && Boolean.TRUE.equals(lock.shared(inFlight, arrived))) {
                return success(context, scheme, user, null);
            }
            Outcome outcome = check(context, scheme, user, password, counted, 0);
            if (inFlight != null && outcome instanceof Outcome.Authenticated) {
                lock.share(inFlight, true);
            }
            return outcome;
        }
    }

    /**
     * Without brute-force detection: requests with the same name and password wait for one another, and
     * those that waited share the outcome of the check that ended while they waited, success or failure,
     * so eight of them cost one hash. Different passwords never wait for each other, so wrong passwords
     * cannot hold up the right one; and an unknown name, a disabled user or a service account go the same
     * way as a user with a wrong password, so a burst of requests times alike for all of them.
     */
    private static Outcome oncePerCredential(SchemeContext context, String scheme, String username, UserModel user,
                                             boolean usable, String password, int cacheSeconds) {
        KeycloakSession session = context.session();
        RealmModel realm = context.realm();
        String subject = usable ? user.getId() : "name:" + String.valueOf(username).toLowerCase(Locale.ROOT);
        // every name queues alike: a user without a stored password, or with one due for a re-hash, too
        String inFlight = inFlightKey(session, realm, subject, password, usable ? CachedCredential.inFlight(user) : "none");
        if (inFlight == null) {
            // no password, or one that is not valid Unicode: nothing to share, nothing to wait for
            return usable ? check(context, scheme, user, password, null, cacheSeconds) : refuse(session, realm, user);
        }
        long arrived = System.nanoTime();
        try (PasswordCheckLock lock = PasswordCheckLock.acquire(realm.getId(), subject + '/' + inFlight)) {
            Boolean shared = lock.shared(inFlight, arrived);
            if (shared != null) {
                return shared ? success(context, scheme, user, null) : usable ? Outcome.wrongPassword(user) : refusal(user);
            }
            Outcome outcome = usable ? check(context, scheme, user, password, null, cacheSeconds) : refuse(session, realm, user);
            lock.share(inFlight, outcome instanceof Outcome.Authenticated);
            return outcome;
        }
    }

    /** A refusal of a name that finds no user who may sign in with a password, at the cost of a check. */
    private static Outcome refuse(KeycloakSession session, RealmModel realm, UserModel user) {
        refuseUnchecked(session, realm, null);
        return refusal(user);
    }

    private static Outcome refusal(UserModel user) {
        if (user == null) {
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        if (!user.isEnabled()) {
            return Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        // a service account, or a user with a second factor: refused as a wrong password is, uncounted
        return Outcome.unauthenticated(user.getServiceAccountClientLink() != null ? Errors.INVALID_USER_CREDENTIALS
                : SecondFactor.EVENT_ERROR, user);
    }

    /**
     * What a refusal costs when no password is checked: one password hash and, with brute-force
     * detection on, what counting a failure costs ({@link #awaitCounted}: a transaction or two and a
     * short wait for Keycloak's counting thread), so that an unknown, disabled or locked user and a
     * service account take as long as a wrong password.
     */
    private static void refuseUnchecked(KeycloakSession session, RealmModel realm, BruteForceProtector protector) {
        dummyHash(session, realm);
        if (protector != null) {
            String realmId = realm.getId();
            freshFailure(session, realmId, "legacy-auth-no-such-user");
            pause(POLL_MILLIS);
            freshFailure(session, realmId, "legacy-auth-no-such-user");
        }
    }

    /** The brute-force protector and the failures it had counted when this check began. */
    private record Counted(BruteForceProtector protector, UserLoginFailureModel before) {
    }

    /**
     * One real password check. A user without a password (identity-provider and passkey users) costs the
     * same hash as a wrong password, so timing does not tell them apart. A failure is counted, and the
     * check returns only once the protector has counted it, so the next check of this user sees it.
     */
    private static Outcome check(SchemeContext context, String scheme, UserModel user, String password, Counted counted,
                                 int cacheSeconds) {
        KeycloakSession session = context.session();
        RealmModel realm = context.realm();
        boolean valid;
        if (password == null || password.isEmpty() || !user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE)) {
            dummyHash(session, realm);
            valid = false;
        } else {
            HashBudgetRefusal.take();
            valid = verify(session, realm, user, password, cacheSeconds);
        }
        if (!valid && HashBudgetRefusal.take()) {
            // the server's budget for legacy hashes was spent: no verdict on the password, nothing counted
            return Outcome.unauthenticated(HashBudgetRefusal.EVENT_ERROR, user);
        }
        if (!valid) {
            if (counted != null && context.countsFailures()) {
                int numFailures = counted.before() == null ? 0 : counted.before().getNumFailures();
                long lastFailure = counted.before() == null ? 0 : counted.before().getLastFailure();
                int lockouts = counted.before() == null ? 0 : counted.before().getNumTemporaryLockouts();
                int notBefore = counted.before() == null ? 0 : counted.before().getFailedLoginNotBefore();
                BruteForceCalls.failedLogin(counted.protector(), realm, user, session.getContext().getConnection(),
                        session.getContext().getUri());
                countLockout(realm, numFailures, lockouts, notBefore,
                        awaitCounted(session, realm.getId(), user.getId(), numFailures, lastFailure));
            }
            return Outcome.wrongPassword(user);
        }
        return success(context, scheme, user, counted);
    }

    private static Outcome success(SchemeContext context, String scheme, UserModel user, Counted counted) {
        if (counted != null && context.countsFailures() && counted.before() != null) {
            // Only a user with failures on record has anything to reset; skipping the others keeps a
            // background job off every successful request.
            KeycloakSession session = context.session();
            BruteForceCalls.successfulLogin(counted.protector(), context.realm(), user,
                    session.getContext().getConnection(), session.getContext().getUri());
        }
        return Outcome.authenticated(new Principal(user, RoleUtils.getDeepUserRoleMappings(user), scheme, null));
    }

    /**
     * What an outcome is shared under among the requests waiting for one check: the cache's keyed hash of
     * the subject's password and the credential it is checked against; null when the user has no stored
     * password or one due for a re-hash, or the password is not valid Unicode (it could not be told apart
     * from another that encodes alike).
     */
    private static String inFlightKey(KeycloakSession session, RealmModel realm, String subject, String password,
                                      String credential) {
        if (password == null || password.isEmpty() || credential.isEmpty() || !VerifiedPasswordCache.cacheable(password)) {
            return null;
        }
        return VerifiedPasswordCache.node().keyOf(realm.getId(), subject, password) + ':' + credential;
    }

    /** Whether the realm's password cache holds a recent success of this password against the user's current one. */
    private static boolean recentlyVerified(KeycloakSession session, RealmModel realm, UserModel user, String password,
                                            int cacheSeconds) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        String fingerprint = CachedCredential.of(session, realm, user);
        boolean hit = !fingerprint.isEmpty()
                && VerifiedPasswordCache.node().verified(realm.getId(), user.getId(), password, fingerprint, cacheSeconds);
        if (hit) {
            // a miss is counted where the hash is computed: a request that waits may still find it cached
            LegacyMetrics.passwordCache(realm.getName(), true);
        }
        return hit;
    }

    /**
     * Keycloak's credential manager checks the password, unless the realm's password cache holds a recent
     * success of this very password against the user's current password credential (a request that waited
     * for another's check of the same password finds it there). A success is remembered; a failure never is.
     */
    private static boolean verify(KeycloakSession session, RealmModel realm, UserModel user, String password,
                                  int cacheSeconds) {
        if (cacheSeconds <= 0) {
            return user.credentialManager().isValid(UserCredentialModel.password(password));
        }
        // read before the check: an entry is bound to the credential that was there when it began
        String fingerprint = CachedCredential.of(session, realm, user);
        if (!fingerprint.isEmpty()
                && VerifiedPasswordCache.node().verified(realm.getId(), user.getId(), password, fingerprint, cacheSeconds)) {
            LegacyMetrics.passwordCache(realm.getName(), true);
            return true;
        }
        LegacyMetrics.passwordCache(realm.getName(), false);
        boolean valid = user.credentialManager().isValid(UserCredentialModel.password(password));
        if (valid) {
            VerifiedPasswordCache.node().remember(realm.getId(), user.getId(), password, fingerprint);
        }
        return valid;
    }

    /**
     * Keycloak's protector counts on a background thread; waits (at most {@value #COUNT_WAIT_MILLIS} ms)
     * until the user's failure record shows this failure, reading it in a transaction of its own.
     */
    private static long[] awaitCounted(KeycloakSession session, String realmId, String userId, int numFailures,
                                       long lastFailure) {
        long deadline = System.nanoTime() + COUNT_WAIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            long[] failure = freshFailure(session, realmId, userId);
            if (failure != null && (failure[0] != numFailures || failure[1] != lastFailure)) {
                return failure;
            }
            pause(POLL_MILLIS);
        }
        LOG.debugf("Keycloak had not counted a failed legacy login in realm %s within %d ms", realmId, COUNT_WAIT_MILLIS);
        return null;
    }

    /**
     * Counts the lockout this failure triggered, as Keycloak's protector decides one: the realm's permanent
     * lockout now applies, or the user may not sign in for a while (a temporary lockout, or the wait after
     * failures in quick succession), as Keycloak's {@code USER_DISABLED_BY_TEMPORARY_LOCKOUT} event says.
     */
    private static void countLockout(RealmModel realm, int failuresBefore, int lockoutsBefore, int notBeforeBefore,
                                     long[] counted) {
        if (counted == null) {
            return;
        }
        long failures = counted[0];
        long lockouts = counted[2];
        long notBefore = counted[3];
        if (permanentlyLocked(realm, failures, lockouts)) {
            if (!permanentlyLocked(realm, failuresBefore, lockoutsBefore)) {
                LegacyMetrics.lockout(realm.getName(), true);
            }
        } else if (lockouts > lockoutsBefore || notBefore > notBeforeBefore && notBefore > Time.currentTime()) {
            // a temporary lockout, or the wait Keycloak sets after failures in quick succession
            LegacyMetrics.lockout(realm.getName(), false);
        }
    }

    /**
     * Keycloak's rule for a permanent lockout (it then disables the user): more temporary lockouts than
     * the realm allows, or, when it allows none, as many failures as the failure factor.
     */
    private static boolean permanentlyLocked(RealmModel realm, long failures, long temporaryLockouts) {
        return realm.isPermanentLockout() && (temporaryLockouts > realm.getMaxTemporaryLockouts()
                || realm.getMaxTemporaryLockouts() == 0 && failures >= realm.getFailureFactor());
    }

    /**
     * A password login at an endpoint that issues a credential ({@code /a}, {@code /tokens},
     * {@code /auth/login}): the password check, then the realm's API-access gate. A refusal is recorded
     * as the LOGIN_ERROR event; a success is left for the endpoint to record once it has issued.
     */
    public static Outcome forIssuing(SchemeContext context, String scheme, String username, String password) {
        long start = System.nanoTime();
        Outcome outcome = SchemeRegistry.gate(context, attempt(context, scheme, username, password));
        LegacyMetrics.request(context.realm().getName(), scheme, LegacyMetrics.ISSUE, outcome, start);
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
        return isLockedOut(realm, session.loginFailures().getUserLoginFailure(realm, user.getId()));
    }

    private static boolean isLockedOut(RealmModel realm, UserLoginFailureModel failure) {
        if (failure == null) {
            return false;
        }
        if (Time.currentTime() < failure.getFailedLoginNotBefore()) {
            return true;
        }
        // Keycloak locks for good by disabling the user, in a transaction of its own: a request that loaded
        // the user before (and waited for this check) still sees them enabled, so the count decides
        return permanentlyLocked(realm, failure.getNumFailures(), failure.getNumTemporaryLockouts());
    }

    /** The user a legacy login names, by username or e-mail; null when none, or more than one. */
    public static UserModel findUser(KeycloakSession session, RealmModel realm, String username) {
        try {
            return KeycloakModelUtils.findUserByNameOrEmail(session, realm, username);
        } catch (ModelDuplicateException e) {
            LOG.debugf("More than one user matches a legacy login in realm %s; refusing it", realm.getName());
            return null;
        }
    }

    /**
     * The user's failure count and last failure time as Keycloak's protector has stored them, read in a
     * transaction of its own (this request's may hold an older copy); null when there is no record.
     */
    private static long[] freshFailure(KeycloakSession session, String realmId, String userId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            UserLoginFailureModel failure = realm == null ? null : s.loginFailures().getUserLoginFailure(realm, userId);
            return failure == null ? null
                    : new long[] {failure.getNumFailures(), failure.getLastFailure(), failure.getNumTemporaryLockouts(),
                            failure.getFailedLoginNotBefore()};
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
