package io.github.legacyauth.core;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * 503 with {@code Retry-After} when the database or the cluster cannot answer, where Keycloak itself would
 * fail with 500.
 *
 * <p>Every resource method of the extension runs through {@link #guard}: the work, then the commit of the
 * request's transaction, inside the method. An answer leaves only once everything it records is stored:
 * the audit event, the key's last use, the session it opens, the user it changes. So a database that goes
 * away at any point turns into a 503 the client can retry, never into a 200 whose records were lost, and
 * never into a 500 with Keycloak's "consult the server log". A request is answered from Keycloak's caches
 * as long as nothing it needs or records touches the database (see the README's <em>Reliability</em>).
 *
 * <p>Only failures that say the database or a cluster member is unreachable are turned into 503 (by their
 * causes: a connection error, an administrator shutdown, a pool that cannot hand out a connection, a
 * cluster timeout); anything else is left to Keycloak as before, so a bug stays visible as a 500.
 */
public final class Unavailable {

    /** What the 503 asks the client to wait, in seconds: a database restart or a failover takes a few. */
    public static final int RETRY_AFTER_SECONDS = 5;
    static final String ERROR = "temporarily_unavailable";
    static final String DESCRIPTION = "The server cannot reach its database or cluster; retry later";

    private static final Logger LOG = Logger.getLogger(Unavailable.class);
    private static final int MAX_CAUSES = 32;

    private Unavailable() {
    }

    /**
     * Runs the work and commits the request's transaction (or rolls it back when it is marked so); the
     * work's answer when both succeed, the 503 when either fails because the database or the cluster is
     * unreachable. Other failures propagate unchanged.
     */
    public static Response guard(KeycloakSession session, Supplier<Response> work) {
        return guard(session, work, Unavailable::answer);
    }

    /** The 503: a JSON error, {@code Retry-After} and {@code Cache-Control: no-store}. */
    public static Response answer() {
        return Response.fromResponse(Challenge.error(503, ERROR, DESCRIPTION))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .build();
    }

    /**
     * {@code database} or {@code cluster} when the failure, or one of its causes, says that one is
     * unreachable, {@code concurrent write} when another node wrote the same row first; null for any
     * other failure.
     */
    public static String cause(Throwable failure) {
        // causes and suppressed failures: a failed commit (JTA's RollbackException) carries the driver's
        // failure among its suppressed ones
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() < MAX_CAUSES) {
            Throwable current = pending.poll();
            if (current == null || seen.put(current, Boolean.TRUE) != null) {
                continue;
            }
            if (databaseUnreachable(current)) {
                return "database";
            }
            if (clusterUnreachable(current)) {
                return "cluster";
            }
            if (concurrentWrite(current)) {
                return "concurrent write";
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
            pending.addAll(java.util.Arrays.asList(current.getSuppressed()));
        }
        return null;
    }

    static boolean databaseUnreachable(Throwable failure) {
        if (failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") // connection exception
                    || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                    || state.equals("53300"))) { // too many connections
                return true;
            }
            // the connection pool (Agroal) gives up waiting for a connection it cannot open
            String message = sql.getMessage();
            return message != null && message.startsWith("Acquisition timeout");
        }
        return failure instanceof java.net.ConnectException
                || "org.hibernate.exception.JDBCConnectionException".equals(failure.getClass().getName());
    }

    /**
     * Another node wrote the same row first (Hibernate's optimistic lock: two revocations of one user's
     * keys on two nodes at once move the same record generation). Nothing was stored; the request can be
     * sent again and will read what the other node wrote.
     */
    static boolean concurrentWrite(Throwable failure) {
        String name = failure.getClass().getName();
        return name.equals("jakarta.persistence.OptimisticLockException")
                || name.equals("org.hibernate.StaleStateException") || name.equals("org.hibernate.StaleObjectStateException");
    }

    static boolean clusterUnreachable(Throwable failure) {
        String name = failure.getClass().getName();
        return name.startsWith("org.infinispan.") && (name.endsWith(".TimeoutException")
                || name.endsWith(".SuspectException") || name.endsWith(".AvailabilityException"));
    }

    /** Commits the request's transaction, or rolls it back when it is marked so; false when rolled back. */
    private static boolean finish(KeycloakSession session) {
        KeycloakTransactionManager transaction = session.getTransactionManager();
        if (transaction == null || !transaction.isActive()) {
            return true;
        }
        if (transaction.getRollbackOnly()) {
            transaction.rollback();
            return false;
        }
        transaction.commit();
        return true;
    }

    /**
     * Whether the database is unreachable now: one lookup of a user id that cannot exist (a primary-key
     * read past every cache) in a transaction of its own. Asked only about a failure nothing else names.
     */
    static boolean databaseDown(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            return false;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), probe -> {
                RealmModel probeRealm = probe.realms().getRealm(realm.getId());
                if (probeRealm != null) {
                    probe.getContext().setRealm(probeRealm);
                    probe.users().getUserById(probeRealm, "legacy-auth-probe-" + java.util.UUID.randomUUID());
                }
            });
            return false;
        } catch (RuntimeException e) {
            return "database".equals(cause(e));
        }
    }

    private static String realmOf(KeycloakSession session) {
        return session.getContext().getRealm() == null ? "" : session.getContext().getRealm().getName();
    }

    private static void abandon(KeycloakSession session) {
        KeycloakTransactionManager transaction = session.getTransactionManager();
        try {
            if (transaction != null && transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            LOG.debugf("Rolling back after an unreachable database failed too: %s", describe(e));
        }
    }

    /** The failure's chain as class names and SQL states: nothing a message could carry. */
    static String describe(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; depth++) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(current.getClass().getName());
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                chain.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            current = current.getCause();
        }
        return chain.toString();
    }

    /**
     * For a sub-resource locator: the resource it finds, or one that answers every request 503 when the
     * database or the cluster failed the lookup.
     */
    public static Object locate(KeycloakSession session, Supplier<Object> locator) {
        return run(session, locator, () -> new FixedAnswer(Unavailable::answer), false); // the resource method commits
    }

    /** {@link #guard} for work with another result (the login endpoint's answer and its issuing delay). */
    public static <T> T guard(KeycloakSession session, Supplier<T> work, Supplier<T> unavailable) {
        return run(session, work, unavailable, true);
    }

    private static <T> T run(KeycloakSession session, Supplier<T> work, Supplier<T> unavailable, boolean commit) {
        try {
            T result = work.get();
            if (commit && !finish(session) && result instanceof Response answer
                    && answer.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                // the work asked for a rollback and still answered success: nothing it did is stored
                LOG.warnf("Answered 503 in realm %s: a success whose transaction was rolled back", realmOf(session));
                return unavailable.get();
            }
            return result;
        } catch (RuntimeException e) {
            String cause = cause(e);
            if (cause == null && !(e instanceof jakarta.ws.rs.WebApplicationException) && databaseDown(session)) {
                // Keycloak's user cache turns a failed read into IllegalStateException("Not found in
                // database") without a cause: a failure nothing names is asked once what it was
                cause = "database";
            }
            if (cause == null) {
                throw e;
            }
            if (commit) {
                abandon(session);
            } else {
                // a locator: the request goes on to a resource method, whose handler needs the transaction
                session.getTransactionManager().setRollbackOnly();
            }
            String realm = realmOf(session);
            // class names and SQL states only: a driver's message may quote a statement's parameters
            LOG.warnf("Answered 503 in realm %s: %s (%s)", realm,
                    "concurrent write".equals(cause) ? "another node wrote the same record first" : "the " + cause + " is unreachable",
                    describe(e));
            if (LOG.isTraceEnabled()) {
                LOG.trace("Where the unreachable database or cluster was met", e);
            }
            LegacyMetrics.unavailable(realm, cause);
            return unavailable.get();
        }
    }
}
