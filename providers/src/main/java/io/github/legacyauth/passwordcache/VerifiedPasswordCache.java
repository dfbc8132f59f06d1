package io.github.legacyauth.passwordcache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords that verified recently, so that a legacy client sending the same password on every request
 * costs one password hash per cache period instead of one per request.
 *
 * <ul>
 *   <li>Keyed by HMAC-SHA256 of realm, user and password under a secret drawn at start-up that never
 *       leaves this node's memory: the plaintext is never kept, and the key is useless elsewhere.</li>
 *   <li>Only successes are kept. A wrong password always costs a full hash: brute force never gets
 *       faster, and a cache cannot be filled by guessing.</li>
 *   <li>An entry names the password credential that verified ({@link CachedCredential}: its id, creation
 *       time and stored hash); a change, reset, removal or re-hash of the password makes it useless at
 *       once, on every node, because the credential is read from Keycloak's cluster-invalidated user
 *       cache.</li>
 *   <li>Everything else (enabled, lockout, required actions, API access, roles) is checked on every
 *       request by the caller, as without the cache.</li>
 *   <li>At most {@value #MAX_ENTRIES} entries, least recently used first out. Every entry has the same
 *       size (a 43-character key, a 43-character credential digest, an expiry: about 250 bytes with the
 *       map's bookkeeping), so the cache holds at most about 2.5 MiB.</li>
 * </ul>
 */
public final class VerifiedPasswordCache {

    /** The most entries one node keeps. */
    public static final int MAX_ENTRIES = 10_000;

    private static final VerifiedPasswordCache NODE = new VerifiedPasswordCache(System::currentTimeMillis);

    /** The credential a password verified against, and when. */
    private record Entry(String fingerprint, long verifiedAtMillis) {
    }

    private final byte[] secret = new byte[32];
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedPasswordCache(LongSupplier clock) {
        new SecureRandom().nextBytes(secret);
        this.clock = clock;
    }

    /** This node's cache. */
    public static VerifiedPasswordCache node() {
        return NODE;
    }

    /**
     * Whether this password verified for this user, against the credential that has this fingerprint,
     * less than {@code seconds} ago. The period is the realm's setting now, not when the entry was made:
     * shortening it, or turning the cache off and on, shortens every entry at once.
     */
    public boolean verified(String realmId, String userId, String password, String fingerprint, int seconds) {
        if (seconds <= 0 || !cacheable(password)) {
            return false;
        }
        String key = key(realmId, userId, password);
        long now = clock.getAsLong();
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry != null && now - entry.verifiedAtMillis() >= PasswordCacheSettings.MAX_SECONDS * 1000L) {
                entries.remove(key);
                entry = null;
            }
        }
        return entry != null && now - entry.verifiedAtMillis() < seconds * 1000L
                && MessageDigest.isEqual(entry.fingerprint().getBytes(StandardCharsets.US_ASCII),
                fingerprint.getBytes(StandardCharsets.US_ASCII));
    }

    /** Remembers a password that just verified against the credential with this fingerprint. */
    public void remember(String realmId, String userId, String password, String fingerprint) {
        if (fingerprint == null || fingerprint.isEmpty() || !cacheable(password)) {
            return;
        }
        Entry entry = new Entry(fingerprint, clock.getAsLong());
        String key = key(realmId, userId, password);
        synchronized (entries) {
            entries.put(key, entry);
        }
    }

    /**
     * Whether a password can be cached: only valid Unicode, whose UTF-8 form is its own. A string with a
     * lone surrogate (JSON's {@code "\ud800"}) would encode like one with {@code ?} in its place, which
     * Keycloak's check tells apart; it is always checked for real.
     */
    public static boolean cacheable(String password) {
        return password != null && StandardCharsets.UTF_8.newEncoder().canEncode(password);
    }

    /** How many entries the node holds. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The keyed hash an entry for this realm, user and password is found under. */
    public String keyOf(String realmId, String userId, String password) {
        return key(realmId, userId, password);
    }

    private String key(String realmId, String userId, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            // each part prefixed by its length: no two (realm, user, password) give the same input
            byte[] input = (realmId.length() + ":" + realmId + userId.length() + ":" + userId + password)
                    .getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
