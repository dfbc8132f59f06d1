package io.github.legacyauth.accesskey;

import io.github.legacyauth.core.RealmSettings;

/** The realm's access-key limits, read from the realm settings with their defaults. */
record AccessKeySettings(boolean enabled, int maxPerUser, int maxLifetimeDays) {

    static final String ENABLED = "accessKeyEnabled";
    static final String MAX_PER_USER = "accessKeyMaxPerUser";
    static final String MAX_LIFETIME_DAYS = "accessKeyMaxLifetimeDays";
    static final int DEFAULT_MAX_PER_USER = 50;
    static final int MAX_MAX_PER_USER = 1000;

    /** The settings in force; a value that is not a number (only possible by bypassing validation) counts as unset. */
    static AccessKeySettings of(RealmSettings settings) {
        return new AccessKeySettings(settings.isOn(ENABLED),
                settings.number(MAX_PER_USER, DEFAULT_MAX_PER_USER),
                settings.number(MAX_LIFETIME_DAYS, 0));
    }

    /** Why the settings cannot be saved, or null when they can. */
    static String problemWith(RealmSettings settings) {
        int maxPerUser;
        int maxLifetimeDays;
        try {
            maxPerUser = Integer.parseInt(settings.get(MAX_PER_USER, String.valueOf(DEFAULT_MAX_PER_USER)));
            maxLifetimeDays = Integer.parseInt(settings.get(MAX_LIFETIME_DAYS, "0"));
        } catch (NumberFormatException e) {
            return "Access-key limits must be whole numbers";
        }
        if (maxPerUser < 1 || maxPerUser > MAX_MAX_PER_USER) {
            return "Maximum keys per user must be between 1 and " + MAX_MAX_PER_USER;
        }
        if (maxLifetimeDays < 0) {
            return "Maximum key lifetime must not be negative";
        }
        return null;
    }

}
