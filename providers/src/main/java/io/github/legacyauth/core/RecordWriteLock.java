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

    private static final ConcurrentHashMap<String, Semaphore> LOCKS = new ConcurrentHashMap<>();

    private RecordWriteLock() {
    }

    /** Waits for the user's lock and hands its release to the end of the session's transaction. */
    public static void holdUntilCommit(KeycloakSession session, String realmId, String userId) {
        String key = realmId + '/' + userId;
        Semaphore lock = LOCKS.computeIfAbsent(key, k -> new Semaphore(1, true));
        lock.acquireUninterruptibly();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                lock.release();
            }

            @Override
            protected void rollbackImpl() {
                lock.release();
            }
        });
    }
}
