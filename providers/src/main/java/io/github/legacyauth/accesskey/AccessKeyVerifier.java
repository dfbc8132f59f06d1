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
import io.github.legacyauth.core.RecordSeal;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SecretHash;

/**
 * Verifies a presented access key: checksum, owner by id (a user-cache lookup), the key's record in the
 * owner's attributes, the hash in constant time, expiry, owner enabled. An imported key (see
 * {@link ImportedKeys}) finds its owner through {@link KeyOwnerIndex} instead. Every refusal is the same 401.
 */
public final class AccessKeyVerifier {

    /** Event detail naming the key used (its id, never its secret). */
    public static final String KEY_ID_DETAIL = "legacy_auth_key_id";
    static final String KEY_EXPIRED = "access_key_expired";

    private static final Logger LOG = Logger.getLogger(AccessKeyVerifier.class);

    private AccessKeyVerifier() {
    }

    /** Whether the text is in the shape of a key this extension mints or imported (it may still be malformed). */
    public static boolean claims(String text) {
        return AccessKeyFormat.looksLikeKey(text) || ImportedKeys.looksLikeTuleapKey(text);
    }

    /**
     * A key presented alone ({@code X-Auth-AccessKey}) or with a name (Basic {@code user:key}): a minted
     * key, an imported Tuleap key, or (alone only) an imported secret.
     *
     * @param expectedUser the username or e-mail the key was presented with, or null when it stands alone
     */
    public static Outcome verify(SchemeContext context, String presented, String expectedUser) {
        if (ImportedKeys.looksLikeTuleapKey(presented)) {
            return verifyTuleap(context, presented, expectedUser);
        }
        if (!AccessKeyFormat.looksLikeKey(presented) && expectedUser == null && ImportedKeys.secretShaped(presented)) {
            return verifySecret(context, presented);
        }
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
        StoredKey stored = store.find(user, key.keyId(), false);
        if (stored == null && store.worthReadingAfresh(user, key.keyId())) {
            // its seal did not verify: read once more as committed, past this request's copy of the owner
            stored = AccessKeyStore.findAfresh(context.session(), context.realm(), user.getId(), key.keyId());
        }
        if (stored == null || stored.format() != null || !SecretHash.matches(key.secret(), stored.hash())) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        return accept(context, store, user, key.keyId(), stored);
    }

    /**
     * A token imported in clear (Kanboard's personal API token) given as the password of the user named
     * in Basic; null when it is not one of that user's imported tokens, and the password is to be checked.
     * Costs a user-cache lookup, and for a user who holds imported tokens one SHA-256; when it is one of
     * them, one indexed query to make sure no other user holds it.
     */
    public static Outcome verifyImportedSecret(SchemeContext context, UserModel user, String presented) {
        if (user == null || user.getServiceAccountClientLink() != null || !ImportedKeys.secretShaped(presented)
                || !KeyOwnerIndex.carriesAny(user, ImportedKeys.SECRET)) {
            return null;
        }
        String hash = SecretHash.hash(presented);
        String locator = ImportedKeys.secretLocator(context.realm(), hash, false);
        if (locator == null || !KeyOwnerIndex.carries(user, locator)) {
            return null;
        }
        AccessKeyStore store = new AccessKeyStore(context.realm());
        if (store.importedSecret(user, hash) == null) {
            return null;
        }
        // the user holds the token; it passes only if no other user holds it too
        KeyOwnerIndex.Found found = KeyOwnerIndex.find(context.session(), context.realm(), locator,
                holder -> store.importedSecret(holder, hash));
        if (found.match() == null || !found.user().getId().equals(user.getId())) {
            context.event().user(user);
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        context.event().detail(KEY_ID_DETAIL, found.match().keyId()).user(user);
        return accept(context, store, user, found.match().keyId(), found.match().key());
    }

    private static Outcome verifyTuleap(SchemeContext context, String presented, String expectedUser) {
        ImportedKeys.TuleapKey key;
        try {
            key = ImportedKeys.parseTuleapKey(presented);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Malformed Tuleap key in realm %s: %s", context.realm().getName(), e.getMessage());
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        context.event().detail(KEY_ID_DETAIL, key.keyId());
        AccessKeyStore store = new AccessKeyStore(context.realm());
        KeyOwnerIndex.RecordMatcher matcher = user -> {
            StoredKey stored = store.find(user, key.keyId());
            return stored != null && stored.imported(ImportedKeys.TULEAP)
                    && SecretHash.matches(key.verificationString(), stored.hash())
                    ? new KeyOwnerIndex.Match(key.keyId(), stored) : null;
        };
        String locator = ImportedKeys.tuleapLocator(context.realm(), key.tuleapId(), false);
        if (locator == null) {
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        // with Basic too: the one holder of the key must be the user named
        return acceptFound(context, store, KeyOwnerIndex.find(context.session(), context.realm(), locator, matcher),
                expectedUser);
    }

    private static Outcome verifySecret(SchemeContext context, String presented) {
        String hash = SecretHash.hash(presented);
        AccessKeyStore store = new AccessKeyStore(context.realm());
        String locator = ImportedKeys.secretLocator(context.realm(), hash, false);
        if (locator == null) {
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        KeyOwnerIndex.Found found = KeyOwnerIndex.find(context.session(), context.realm(), locator,
                user -> store.importedSecret(user, hash));
        if (found.match() != null) {
            context.event().detail(KEY_ID_DETAIL, found.match().keyId());
        }
        return acceptFound(context, store, found, null);
    }

    private static Outcome acceptFound(SchemeContext context, AccessKeyStore store, KeyOwnerIndex.Found found,
                                       String expectedUser) {
        UserModel user = found.user();
        if (user == null) {
            return Outcome.unauthenticated(Errors.USER_NOT_FOUND, null);
        }
        if (expectedUser != null && !names(user, expectedUser)) {
            // another user's key, or a holder's: the event names neither
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, null);
        }
        context.event().user(user);
        if (found.match() == null) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, user);
        }
        return accept(context, store, user, found.match().keyId(), found.match().key());
    }

    /** A key whose secret matched its record: refused when expired or its owner disabled, else the principal. */
    private static Outcome accept(SchemeContext context, AccessKeyStore store, UserModel user, String keyId,
                                  StoredKey stored) {
        if (stored.expiredAt(Time.currentTime())) {
            return Outcome.unauthenticated(KEY_EXPIRED, user);
        }
        if (!user.isEnabled()) {
            return Outcome.unauthenticated(Errors.USER_DISABLED, user);
        }
        // the last use is recorded only once the key has passed every gate: a refused use leaves it alone
        return Outcome.authenticated(new Principal(user, store.effectiveRoles(user, stored),
                AccessKeySchemeFactory.PROVIDER_ID, keyId, () -> secretMark(context.realm(), stored)),
                () -> store.recordUse(user, keyId, context.session().getContext().getConnection().getRemoteAddr()));
    }

    /**
     * The roles a key acts with now, or null when it no longer works: revoked, expired, given a new secret
     * since, its record not sealed by this extension, or its owner gone or disabled. Sessions a key opened
     * ask this with their {@link #sessionNote} on every token they are issued, so they end with the key, and
     * with the secret they were opened with (also when that session was opened while the secret changed).
     */
    public static Set<RoleModel> currentRoles(RealmModel realm, UserModel user, String sessionNote) {
        if (user == null || sessionNote == null || !user.isEnabled() || user.getServiceAccountClientLink() != null) {
            return null;
        }
        int hash = sessionNote.indexOf('#');
        String keyId = hash < 0 ? sessionNote : sessionNote.substring(0, hash);
        AccessKeyStore store = new AccessKeyStore(realm);
        StoredKey stored = store.find(user, keyId);
        if (stored == null || stored.expiredAt(Time.currentTime())) {
            return null;
        }
        if (hash >= 0 && !java.security.MessageDigest.isEqual(
                sessionNote.substring(hash + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                String.valueOf(secretMark(realm, stored)).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return null; // opened with a secret the key no longer has
        }
        return store.effectiveRoles(user, stored);
    }

    /**
     * What a session opened with a key notes: the key's id and a mark of the record and secret presented,
     * an HMAC under the realm's seal secret of the record's hash and nonce (so the note tells nothing of the
     * secret, and a record written later for the same secret, a key imported again, is another record).
     */
    public static String sessionNote(Principal principal) {
        String mark = principal.secretMark().get();
        return mark == null ? principal.keyId() : principal.keyId() + "#" + mark;
    }

    /** Whether a session's note names this key, whichever secret it was opened with. */
    static boolean opened(String sessionNote, String keyId) {
        return sessionNote != null && (sessionNote.equals(keyId) || sessionNote.startsWith(keyId + "#"));
    }

    private static String secretMark(RealmModel realm, StoredKey stored) {
        String locator = RecordSeal.locator(realm, "session-mark\n" + stored.hash()
                + (stored.nonce() == null ? "" : "\n" + stored.nonce()), false);
        return locator == null ? null : locator.substring(locator.length() - 16);
    }

    private static boolean names(UserModel user, String given) {
        return given.equalsIgnoreCase(user.getUsername())
                || (user.getEmail() != null && given.equalsIgnoreCase(user.getEmail()));
    }
}
