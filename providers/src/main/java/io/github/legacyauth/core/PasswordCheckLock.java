package io.github.legacyauth.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per user (realm id + user id) around "is the user locked out? check the password; count a
 * failure": on one node, real password checks of one user run one at a time, and each sees every failure
 * counted before it. Forty parallel wrong passwords therefore make at most the realm's failure factor of
 * real checks before the lockout refuses the rest, as Keycloak's own password grant does; and eight
 * parallel requests with a password not yet in the password cache cost one hash, the others finding the
 * first one's success in the cache (with the cache off, in the lock itself: shared only with requests
 * that were waiting when it ended). Without brute-force detection the lock is one credential's, not one
 * user's (see {@code PasswordLogin}). Locks exist only while someone holds or waits for them, and what
 * they share with them.
 */
final class PasswordCheckLock implements AutoCloseable {

    private static final ConcurrentHashMap<String, PasswordCheckLock> LOCKS = new ConcurrentHashMap<>();

    private final String key;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int holders;
    // the last outcome of a check under this lock, for the requests that waited for it
    private String sharedKey;
    private boolean sharedSuccess;
    private long sharedAtNanos;

    private PasswordCheckLock(String key) {
        this.key = key;
    }

    /** Waits for the key's lock; close the answer to release it. */
    static PasswordCheckLock acquire(String realmId, String key) {
        return acquire(realmId, key, Integer.MAX_VALUE);
    }

    /**
     * Waits for the key's lock, unless {@code most} requests hold or wait for it already: then null at once,
     * and nothing to release.
     */
    static PasswordCheckLock acquire(String realmId, String key, int most) {
        boolean[] full = new boolean[1];
        PasswordCheckLock entry = LOCKS.compute(realmId + '/' + key, (k, existing) -> {
            PasswordCheckLock held = existing == null ? new PasswordCheckLock(k) : existing;
            if (held.holders >= most) {
                full[0] = true;
            } else {
                held.holders++;
            }
            return held;
        });
        if (full[0]) {
            return null;
        }
        entry.lock.lock();
        return entry;
    }

    /**
     * The outcome (true: the password verified) of a check of the same password against the same
     * credential ({@code key}) that ended after {@code arrivedNanos}, or null when there is none; only
     * the holder of the lock asks, so no other synchronisation is needed.
     */
    Boolean shared(String key, long arrivedNanos) {
        if (sharedKey == null || arrivedNanos - sharedAtNanos > 0
                || !MessageDigest.isEqual(sharedKey.getBytes(StandardCharsets.US_ASCII), key.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return sharedSuccess;
    }

    /** Records a check's outcome for the requests waiting now; it goes with the lock once nobody waits. */
    void share(String key, boolean success) {
        sharedKey = key;
        sharedSuccess = success;
        sharedAtNanos = System.nanoTime();
    }

    @Override
    public void close() {
        lock.unlock();
        LOCKS.computeIfPresent(key, (k, existing) -> --existing.holders == 0 ? null : existing);
    }

    /** How many users have a lock held or awaited right now. */
    static int size() {
        return LOCKS.size();
    }
}
