package io.github.legacyauth.accesskey;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import java.util.Set;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SecretHash;

/**
 * Verifies a presented access key: checksum, owner by id (a user-cache lookup), the key's record in the
 * owner's attributes, the hash in constant time, expiry, owner enabled. Every refusal is the same 401.
 */
public final class AccessKeyVerifier {

    /** Event detail naming the key used (its id, never its secret). */
    public static final String KEY_ID_DETAIL = "legacy_auth_key_id";
    static final String KEY_EXPIRED = "access_key_expired";

    private static final Logger LOG = Logger.getLogger(AccessKeyVerifier.class);

    private AccessKeyVerifier() {
    }

    /**
     * @param expectedUser the username or e-mail the key was presented with (Basic {@code user:key}), or
     *                     null when the key stands alone
     */
    public static Outcome verify(SchemeContext context, String presented, String expectedUser) {
        AccessKeyFormat.AccessKey key;
        try {
            key = AccessKeyFormat.parse(presented);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Malformed access key in realm %s: %s", context.realm().getName(), e.getMessage());
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        context.event().detail(KEY_ID_DETAIL, key.keyId());
        UserModel user = context.session().users().getUserById(context.realm(), key.userId());
        if (user == null) {
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        context.event().user(user);
        if (user.getServiceAccountClientLink() != null) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        if (expectedUser != null && !names(user, expectedUser)) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        AccessKeyStore store = new AccessKeyStore(context.realm());
        StoredKey stored = store.find(user, key.keyId());
        if (stored == null || !SecretHash.matches(key.secret(), stored.hash())) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        if (stored.expiredAt(Time.currentTime())) {
            return Outcome.unauthenticated(KEY_EXPIRED, user);
        }
        if (!user.isEnabled()) {
            return Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        store.recordUse(user, key.keyId());
        return Outcome.authenticated(new Principal(user, store.effectiveRoles(user, stored),
                AccessKeySchemeFactory.PROVIDER_ID, key.keyId()));
    }

    /**
     * The roles a key acts with now, or null when it no longer works: revoked, expired, its record not
     * sealed by this extension, or its owner gone or disabled. Sessions a key opened ask this on every
     * token they are issued, so they end with the key.
     */
    public static Set<RoleModel> currentRoles(RealmModel realm, UserModel user, String keyId) {
        if (user == null || keyId == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return null;
        }
        AccessKeyStore store = new AccessKeyStore(realm);
        StoredKey stored = store.find(user, keyId);
        if (stored == null || stored.expiredAt(Time.currentTime())) {
            return null;
        }
        return store.effectiveRoles(user, stored);
    }

    private static boolean names(UserModel user, String given) {
        return given.equalsIgnoreCase(user.getUsername())
                || (user.getEmail() != null && given.equalsIgnoreCase(user.getEmail()));
    }
}
