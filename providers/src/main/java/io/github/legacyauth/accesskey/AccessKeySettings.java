package io.github.legacyauth.accesskey;

import java.util.List;

import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.RoleNames;

/**
 * The realm's access-key rules, read from the realm settings with their defaults.
 *
 * @param maxLifetimeDays      longest lifetime of a new key; 0 = keys may live forever
 * @param defaultLifetimeDays  the lifetime the account console offers first; 0 = the longest allowed
 *                             (never, when keys may live forever)
 * @param expiredRetentionDays how long an expired key stays listed (greyed) before it is removed
 * @param scopeRoles           the roles users may give keys ({@link RoleNames} spelling); empty = all of
 *                             the owner's roles
 */
record AccessKeySettings(boolean enabled, int maxPerUser, int maxLifetimeDays, int defaultLifetimeDays,
                         int expiredRetentionDays, List<String> scopeRoles) {

    static final String ENABLED = "accessKeyEnabled";
    static final String MAX_PER_USER = "accessKeyMaxPerUser";
    static final String MAX_LIFETIME_DAYS = "accessKeyMaxLifetimeDays";
    static final String DEFAULT_LIFETIME_DAYS = "accessKeyDefaultLifetimeDays";
    static final String EXPIRED_RETENTION_DAYS = "accessKeyExpiredRetentionDays";
    static final String SCOPE_ROLES = "accessKeyScopeRoles";
    static final int DEFAULT_MAX_PER_USER = 50;
    static final int MAX_MAX_PER_USER = 1000;
    static final int DEFAULT_EXPIRED_RETENTION_DAYS = 30;
    /** Longest any lifetime setting may be: 100 years, so every expiry stays a sane instant. */
    static final int MAX_DAYS = 36_500;

    /** The settings in force; a value that is not a number (only possible by bypassing validation) counts as unset. */
    static AccessKeySettings of(RealmSettings settings) {
        return new AccessKeySettings(settings.isOn(ENABLED),
                settings.number(MAX_PER_USER, DEFAULT_MAX_PER_USER),
                Math.max(0, settings.number(MAX_LIFETIME_DAYS, 0)),
                Math.max(0, settings.number(DEFAULT_LIFETIME_DAYS, 0)),
                Math.max(0, settings.number(EXPIRED_RETENTION_DAYS, DEFAULT_EXPIRED_RETENTION_DAYS)),
                settings.list(SCOPE_ROLES));
    }

    /** The lifetime the account console proposes for a new key, in days; null = never expires. */
    Integer proposedLifetimeDays() {
        if (defaultLifetimeDays > 0 && (maxLifetimeDays == 0 || defaultLifetimeDays <= maxLifetimeDays)) {
            return defaultLifetimeDays;
        }
        return maxLifetimeDays > 0 ? maxLifetimeDays : null;
    }

    /** Why the settings cannot be saved, with the setting at fault, or null when they can. */
    static Problem problemWith(RealmModel realm, RealmSettings settings) {
        int maxPerUser;
        int maxLifetimeDays;
        int defaultLifetimeDays;
        int retentionDays;
        try {
            maxPerUser = Integer.parseInt(settings.get(MAX_PER_USER, String.valueOf(DEFAULT_MAX_PER_USER)));
        } catch (NumberFormatException e) {
            return new Problem(MAX_PER_USER, "Maximum keys per user must be a whole number");
        }
        try {
            maxLifetimeDays = Integer.parseInt(settings.get(MAX_LIFETIME_DAYS, "0"));
        } catch (NumberFormatException e) {
            return new Problem(MAX_LIFETIME_DAYS, "Maximum key lifetime must be a whole number of days");
        }
        try {
            defaultLifetimeDays = Integer.parseInt(settings.get(DEFAULT_LIFETIME_DAYS, "0"));
        } catch (NumberFormatException e) {
            return new Problem(DEFAULT_LIFETIME_DAYS, "Default key lifetime must be a whole number of days");
        }
        try {
            retentionDays = Integer.parseInt(settings.get(EXPIRED_RETENTION_DAYS,
                    String.valueOf(DEFAULT_EXPIRED_RETENTION_DAYS)));
        } catch (NumberFormatException e) {
            return new Problem(EXPIRED_RETENTION_DAYS, "Days an expired key stays listed must be a whole number");
        }
        if (maxPerUser < 1 || maxPerUser > MAX_MAX_PER_USER) {
            return new Problem(MAX_PER_USER, "Maximum keys per user must be between 1 and " + MAX_MAX_PER_USER);
        }
        if (maxLifetimeDays < 0 || maxLifetimeDays > MAX_DAYS) {
            return new Problem(MAX_LIFETIME_DAYS, "Maximum key lifetime must be between 0 (no limit) and "
                    + MAX_DAYS + " days");
        }
        if (defaultLifetimeDays < 0 || defaultLifetimeDays > MAX_DAYS) {
            return new Problem(DEFAULT_LIFETIME_DAYS, "Default key lifetime must be between 0 and " + MAX_DAYS
                    + " days");
        }
        if (maxLifetimeDays > 0 && defaultLifetimeDays > maxLifetimeDays) {
            return new Problem(DEFAULT_LIFETIME_DAYS, "Default key lifetime must not be longer than the maximum ("
                    + maxLifetimeDays + " days)");
        }
        if (retentionDays < 0 || retentionDays > MAX_DAYS) {
            return new Problem(EXPIRED_RETENTION_DAYS, "Days an expired key stays listed must be between 0 and "
                    + MAX_DAYS);
        }
        for (String role : settings.list(SCOPE_ROLES)) {
            if (RoleNames.find(realm, role) == null) {
                return new Problem(SCOPE_ROLES, "Role '" + role + "' of the roles keys may carry does not exist"
                        + " in this realm");
            }
        }
        return null;
    }

    /** A refused setting and why. */
    record Problem(String setting, String message) {
    }
}
