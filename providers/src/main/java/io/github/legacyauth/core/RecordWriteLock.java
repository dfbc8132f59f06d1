package io.github.legacyauth.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * One writer of a user's sealed records (access keys, application tokens) at a time on a node, from the
 * check until the writing transaction has ended: two key creations sent at once cannot both pass the
 * per-user limit, and a record cannot be sealed under a generation a concurrent revocation is replacing. Released when the request's
 * transaction commits or rolls back.
 */
public final class RecordWriteLock {

    private static final ConcurrentHashMap<String, Entry> LOCKS = new ConcurrentHashMap<>();

    /** A user's lock and how many hold or wait for it; gone when none do. */
    private static final class Entry {
        final Semaphore lock = new Semaphore(1, true);
        int users;
    }

    private RecordWriteLock() {
    }

    /** Waits for the user's lock and hands its release to the end of the session's transaction. */
    public static void holdUntilCommit(KeycloakSession session, String realmId, String userId) {
        String key = realmId + '/' + userId;
        Entry entry = LOCKS.compute(key, (k, existing) -> {
            Entry held = existing == null ? new Entry() : existing;
            held.users++;
            return held;
        });
        entry.lock.acquireUninterruptibly();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release(key, entry);
            }

            @Override
            protected void rollbackImpl() {
                release(key, entry);
            }
        });
    }

    private static void release(String key, Entry entry) {
        entry.lock.release();
        LOCKS.computeIfPresent(key, (k, existing) -> --existing.users == 0 ? null : existing);
    }
}
