package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** Which failures mean "the database or the cluster is unreachable" (503), and which stay 500. */
class UnavailableTest {

    @Test
    void connectionFailuresOfTheDatabaseAre503() {
        assertThat(Unavailable.cause(new RuntimeException(new SQLException("refused", "08001")))).isEqualTo("database");
        assertThat(Unavailable.cause(new RuntimeException(new SQLException("gone", "08006")))).isEqualTo("database");
        // PostgreSQL stopped by an administrator, crashed, or still starting
        assertThat(Unavailable.cause(new SQLException("terminating connection", "57P01"))).isEqualTo("database");
        assertThat(Unavailable.cause(new SQLException("starting up", "57P03"))).isEqualTo("database");
        assertThat(Unavailable.cause(new SQLException("too many clients", "53300"))).isEqualTo("database");
        assertThat(Unavailable.cause(new IllegalStateException(new SQLTransientConnectionException("x"))))
                .isEqualTo("database");
        assertThat(Unavailable.cause(new SQLException("Acquisition timeout while waiting for new connection")))
                .isEqualTo("database");
        assertThat(Unavailable.cause(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo("database");
    }

    @Test
    void aFailedCommitCarriesTheDriversFailureAmongItsSuppressedOnes() {
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        assertThat(Unavailable.cause(new RuntimeException(rollback))).isEqualTo("database");
    }

    /** Two nodes revoking keys of one user at once: the later write finds the record generation moved. */
    @Test
    void aRowAnotherNodeWroteFirstIs503() {
        RuntimeException stale = new jakarta.persistence.OptimisticLockException("Batch update returned unexpected row count");

        assertThat(Unavailable.cause(new RuntimeException(stale))).isEqualTo("concurrent write");
    }

    @Test
    void otherFailuresStay500() {
        assertThat(Unavailable.cause(new IllegalStateException("a bug"))).isNull();
        assertThat(Unavailable.cause(new NullPointerException())).isNull();
        // a constraint violation or a syntax error is the statement's fault, not the database's absence
        assertThat(Unavailable.cause(new RuntimeException(new SQLException("duplicate key", "23505")))).isNull();
        assertThat(Unavailable.cause(new RuntimeException(new SQLException("syntax", "42601")))).isNull();
        assertThat(Unavailable.cause(new RuntimeException(new SQLException("no state")))).isNull();
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(Unavailable.cause(first)).isNull();
    }

    @Test
    void theDescriptionNamesClassesAndStatesButNoMessage() {
        String described = Unavailable.describe(new RuntimeException("password=hunter2",
                new SQLException("FATAL: password authentication failed for user \"alice\"", "08004")));
        assertThat(described).isEqualTo("java.lang.RuntimeException <- java.sql.SQLException [SQLState 08004]");
        assertThat(described).doesNotContain("hunter2").doesNotContain("alice");
    }

    @Test
    void theAnswerIs503WithRetryAfterAndNoStore() {
        Response answer = Unavailable.answer();
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo(String.valueOf(Unavailable.RETRY_AFTER_SECONDS));
        assertThat(answer.getHeaderString("Cache-Control")).contains("no-store");
    }
}
