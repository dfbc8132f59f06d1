package io.github.legacyauth.hash;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.github.legacyauth.core.HashBudgetRefusal;

/**
 * What the checks of imported legacy hashes may take of a server at once. Each costs what the legacy
 * application chose (memory for Argon2, time for all of them), and the brute-force locks hold one check
 * per user, not per server: a request for each of many migrated users could otherwise run them all
 * together and exhaust the heap. So at most as many run at once as the server has cores (at least two);
 * the Argon2 ones together hold at most a quarter of the heap; a check that cannot start within
 * {@value #WAIT_SECONDS} seconds, or that alone asks for more memory than the budget, is a refusal (logged,
 * without the hash). The legacy schemes refuse such a login without counting a failure
 * ({@link HashBudgetRefusal}); Keycloak's own login page and grants cannot tell it from a wrong password.
 */
final class HashBudget {

    static final long WAIT_SECONDS = 10;
    /** All Argon2 checks together, in KiB: a quarter of the heap, at least 32 MiB. */
    static final int MEMORY_KB = (int) Math.min(Integer.MAX_VALUE,
            Math.max(32L * 1024, Runtime.getRuntime().maxMemory() / 4 / 1024));

    private static final Logger LOG = Logger.getLogger(HashBudget.class);
    static final int CONCURRENT_CHECKS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Semaphore CHECKS = new Semaphore(CONCURRENT_CHECKS, true);
    private static final Semaphore MEMORY = new Semaphore(MEMORY_KB, true);

    private HashBudget() {
    }

    /** Runs the check within the budget; false when it may not run. */
    static boolean check(String algorithm, int memoryKb, BooleanSupplier check) {
        return check(algorithm, memoryKb, WAIT_SECONDS, check);
    }

    static boolean check(String algorithm, int memoryKb, long waitSeconds, BooleanSupplier check) {
        if (memoryKb > MEMORY_KB) {
            LOG.warnf("An imported %s password hash asks for %d KiB, more than this server's budget of %d KiB"
                    + " for legacy hashes (a quarter of the heap): it never verifies; its user resets the password",
                    algorithm, memoryKb, MEMORY_KB);
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        try {
            if (!CHECKS.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                return busy(algorithm, waitSeconds);
            }
            try {
                if (memoryKb > 0 && !MEMORY.tryAcquire(memoryKb, Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS)) {
                    return busy(algorithm, waitSeconds);
                }
                try {
                    return check.getAsBoolean();
                } finally {
                    if (memoryKb > 0) {
                        MEMORY.release(memoryKb);
                    }
                }
            } finally {
                CHECKS.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean busy(String algorithm, long waitSeconds) {
        HashBudgetRefusal.mark();
        LOG.warnf("A check of an imported %s password hash waited %d s for the server's budget for legacy hashes"
                + " and was refused", algorithm, waitSeconds);
        return false;
    }
}
