package io.github.legacyauth.accesskey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Finds the owner of an imported key, which (unlike a minted key) does not name its owner: each
 * imported key leaves a locator among the values of the owner's attribute {@value #ATTRIBUTE}, and the
 * owner is found by Keycloak's search by attribute name and value, which the database answers from its
 * index on both ({@code IDX_USER_ATTRIBUTE_NAME}): never a scan of the users.
 *
 * <p>A locator ({@code tuleap:…}, {@code secret:…}) is a MAC under the realm's secret of what it locates
 * ({@link ImportedKeys#tuleapLocator}), so nobody without the secret can compute one to plant on another
 * user; copying one takes an admin who can read another user's attributes. And it is only a hint: every
 * user that carries it is examined (up to {@value #MAX_CANDIDATES}), the key is accepted only where a
 * sealed record of the extension matches it, and a key that two users' records both match is refused.
 * A record whose owner no longer carries its locator is not found: it does not pass until the locator is
 * back, and is then one of the holders. Every use asks the database (one indexed query), so a revocation
 * holds on every node at once.
 */
final class KeyOwnerIndex {

    static final String ATTRIBUTE = "legacy-auth.access-key-locator";
    /** At most this many users are examined for one locator; more is a sign of tampering. */
    static final int MAX_CANDIDATES = 256;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KeyOwnerIndex.class);

    private KeyOwnerIndex() {
    }

    /** What the owner's records say about a presented key: its record, or null when none of them matches. */
    interface RecordMatcher {
        Match match(UserModel user);
    }

    record Match(String keyId, StoredKey key) {
    }

    /** The outcome of a lookup: the owner and its matching record, or a refusal (with the owner, if one). */
    record Found(UserModel user, Match match) {
    }

    /**
     * The one user whose sealed record matches the presented key, among every user carrying its locator;
     * a refusal otherwise (with the user, when a single one carries the locator). Always asks the database:
     * a holder that hid its locator for a while and shows it again is seen, and a key two users' records
     * match is refused, whichever of them presents it.
     */
    static Found find(KeycloakSession session, RealmModel realm, String locator, RecordMatcher matcher) {
        List<UserModel> candidates = holders(session, realm, locator);
        UserModel owner = null;
        Match found = null;
        int matches = 0;
        for (UserModel candidate : candidates) {
            Match match = matcher.match(candidate);
            if (match != null) {
                matches++;
                owner = candidate;
                found = match;
            }
        }
        if (matches == 1) {
            return new Found(owner, found);
        }
        if (matches > 1) {
            LOG.warnf("%d users of realm %s hold the same imported access key; it is refused until all but one"
                    + " of them are revoked", matches, realm.getName());
        }
        return new Found(matches == 0 && candidates.size() == 1 ? candidates.get(0) : null, null);
    }

    /** The users (at most {@value #MAX_CANDIDATES}) whose attributes carry the locator: one indexed query. */
    static List<UserModel> holders(KeycloakSession session, RealmModel realm, String locator) {
        List<UserModel> holders = session.users().searchForUserByUserAttributeStream(realm, ATTRIBUTE, locator)
                .filter(user -> user.getServiceAccountClientLink() == null)
                .limit(MAX_CANDIDATES + 1)
                .toList();
        if (holders.size() > MAX_CANDIDATES) {
            LOG.warnf("More than %d users of realm %s carry the same access-key locator: it was copied onto them"
                    + " by someone who can write user attributes; only the first %d are examined",
                    MAX_CANDIDATES, realm.getName(), MAX_CANDIDATES);
            return holders.subList(0, MAX_CANDIDATES);
        }
        return holders;
    }

    /** Whether one of the user's locators is this one (compared in constant time). */
    static boolean carries(UserModel user, String locator) {
        byte[] wanted = locator.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String value : user.getAttributeStream(ATTRIBUTE).toList()) {
            found |= MessageDigest.isEqual(wanted, value.getBytes(StandardCharsets.UTF_8));
        }
        return found;
    }

    /** Whether the user carries a locator of this kind at all (a cheap test before hashing anything). */
    static boolean carriesAny(UserModel user, String kind) {
        return user.getAttributeStream(ATTRIBUTE).anyMatch(value -> value.startsWith(kind + ":"));
    }

    static void add(UserModel user, String locator) {
        List<String> values = new ArrayList<>(user.getAttributeStream(ATTRIBUTE).toList());
        if (!values.contains(locator)) {
            values.add(locator);
            user.setAttribute(ATTRIBUTE, values);
        }
    }

    static void remove(UserModel user, String locator) {
        List<String> values = new ArrayList<>(user.getAttributeStream(ATTRIBUTE).toList());
        if (values.remove(locator)) {
            if (values.isEmpty()) {
                user.removeAttribute(ATTRIBUTE);
            } else {
                user.setAttribute(ATTRIBUTE, values);
            }
        }
    }
}
