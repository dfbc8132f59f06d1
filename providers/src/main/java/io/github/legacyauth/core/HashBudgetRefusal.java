package io.github.legacyauth.core;

/**
 * Tells a password check that it was refused for the server's budget for legacy hashes, not for a wrong
 * password: the hash provider marks the thread, the legacy login takes the mark and refuses without
 * counting a failure (Keycloak's own login page and grants cannot tell, and count it).
 */
public final class HashBudgetRefusal {

    /** Event error of a login refused because the server's budget for legacy hash checks was spent. */
    public static final String EVENT_ERROR = "legacy_hash_budget_exhausted";

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

    private HashBudgetRefusal() {
    }

    /** Called by a hash provider that refuses a check for the budget. */
    public static void mark() {
        MARKED.set(Boolean.TRUE);
    }

    /** Whether the last check on this thread was refused for the budget; clears the mark. */
    public static boolean take() {
        boolean marked = Boolean.TRUE.equals(MARKED.get());
        MARKED.remove();
        return marked;
    }
}
