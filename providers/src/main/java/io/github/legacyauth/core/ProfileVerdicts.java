package io.github.legacyauth.core;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The last answer of Keycloak's user-profile validation for each user on this node, kept only while what
 * it was computed from stays the same: the user's attributes (names and e-mail included) and the realm's
 * user-profile configuration. Validating a profile costs more than the rest of a forward-authentication
 * request with a key; a user whose profile or whose realm's profile changes is validated again at once.
 * Bounded: past {@value #MAX_ENTRIES} users it starts afresh. Holds no secret (ids and hashes).
 */
final class ProfileVerdicts {

    static final int MAX_ENTRIES = 100_000;
    /** The node's verdicts. */
    static final ProfileVerdicts NODE = new ProfileVerdicts();

    private record Verdict(int basis, boolean incomplete) {
    }

    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /**
     * Whether the profile is incomplete: the remembered verdict when {@code basis} (a digest of what it
     * depends on) is the one it was computed from, else {@code validate}'s answer, remembered.
     */
    boolean incomplete(String realmId, String userId, int basis, BooleanSupplier validate) {
        String key = realmId + '/' + userId;
        Verdict known = verdicts.get(key);
        if (known != null && known.basis() == basis) {
            return known.incomplete();
        }
        boolean incomplete = validate.getAsBoolean();
        if (verdicts.size() >= MAX_ENTRIES) {
            verdicts.clear();
        }
        verdicts.put(key, new Verdict(basis, incomplete));
        return incomplete;
    }

    /** The digest of what a verdict depends on. */
    static int basis(Object... parts) {
        return Objects.hash(parts);
    }

    int size() {
        return verdicts.size();
    }
}
