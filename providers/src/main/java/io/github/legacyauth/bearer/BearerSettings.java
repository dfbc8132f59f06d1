package io.github.legacyauth.bearer;

import io.github.legacyauth.core.RealmSettings;

/** Zettelstore's login endpoint: which client the tokens are for, how long they live, how slow issuing is. */
record BearerSettings(boolean enabled, String clientId, int lifetimeSeconds, int issuingDelayMillis) {

    static final String ENABLED = "bearerEnabled";
    static final String CLIENT = "bearerClient";
    static final String LIFETIME = "bearerLifetimeSeconds";
    static final String DELAY = "bearerIssuingDelayMillis";
    static final int DEFAULT_LIFETIME = 600;
    static final int MAX_DELAY = 10_000;

    static BearerSettings of(RealmSettings settings) {
        return new BearerSettings(settings.isOn(ENABLED), settings.get(CLIENT, null),
                settings.number(LIFETIME, DEFAULT_LIFETIME), settings.number(DELAY, 0));
    }

    /** Why these settings cannot be saved, or null. */
    static String problemWith(RealmSettings settings) {
        try {
            int lifetime = Integer.parseInt(settings.get(LIFETIME, String.valueOf(DEFAULT_LIFETIME)));
            int delay = Integer.parseInt(settings.get(DELAY, "0"));
            if (lifetime < 1) {
                return "The bearer token lifetime must be at least 1 second";
            }
            if (delay < 0 || delay > MAX_DELAY) {
                return "The issuing delay must be between 0 and " + MAX_DELAY + " milliseconds";
            }
            return null;
        } catch (NumberFormatException e) {
            return "The bearer token lifetime and issuing delay must be whole numbers";
        }
    }

}
