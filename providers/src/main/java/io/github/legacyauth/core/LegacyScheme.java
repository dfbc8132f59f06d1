package io.github.legacyauth.core;

import org.keycloak.provider.Provider;

/**
 * One legacy wire format. A scheme says whether a request carries its credential and, if it does,
 * verifies that credential into a {@link Principal}. Every front door (the forward-auth endpoint, the
 * direct-grant authenticators, the issuing endpoints) goes through the same schemes, so each header is
 * parsed in exactly one place.
 */
public interface LegacyScheme extends Provider {

    /** True when the request carries this scheme's credential at all. Cheap: no lookup, no hashing. */
    boolean presentIn(SchemeContext context);

    /**
     * Verifies the credential the request carries. Called only when {@link #presentIn} is true, so it
     * never answers {@link Outcome#absent()}.
     */
    Outcome authenticate(SchemeContext context);

    /** The {@code WWW-Authenticate} challenge this scheme adds to a 401, if any. */
    default String challenge(SchemeContext context) {
        return null;
    }

    @Override
    default void close() {
    }
}
