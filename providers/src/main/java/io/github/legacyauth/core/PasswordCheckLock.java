package io.github.legacyauth.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per user (realm id + user id) around "is the user locked out? check the password; count a
 * failure": on one node, real password checks of one user run one at a time, and each sees every failure
 * counted before it. Forty parallel wrong passwords therefore make at most the realm's failure factor of
 * real checks before the lockout refuses the rest, as Keycloak's own password grant does; and eight
 * parallel requests with a password not yet in the password cache cost one hash, the others finding the
 * first one's success in the cache. Locks exist only while someone holds or waits for them.
 */
final class PasswordCheckLock implements AutoCloseable {

    private static final ConcurrentHashMap<String, PasswordCheckLock> LOCKS = new ConcurrentHashMap<>();

    private final String key;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int holders;

    private PasswordCheckLock(String key) {
        this.key = key;
    }

    /** Waits for the user's lock; close the answer to release it. */
    static PasswordCheckLock acquire(String realmId, String userId) {
        String key = realmId + '/' + userId;
        PasswordCheckLock entry = LOCKS.compute(key, (k, existing) -> {
            PasswordCheckLock held = existing == null ? new PasswordCheckLock(k) : existing;
            held.holders++;
            return held;
        });
        entry.lock.lock();
        return entry;
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
