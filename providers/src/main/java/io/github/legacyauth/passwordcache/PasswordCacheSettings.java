package io.github.legacyauth.passwordcache;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The realm setting {@value #SECONDS}: how long a verified password is accepted without hashing; 0 = off. */
public final class PasswordCacheSettings {

    public static final String SECONDS = "passwordCacheSeconds";
    /** The longest period an admin may choose. */
    public static final int MAX_SECONDS = 3600;

    private PasswordCacheSettings() {
    }

    /** The period in force for the setting's value (null or blank: off; past the bounds: clamped). */
    public static int seconds(String value) {
        try {
            int seconds = value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
            return seconds < 0 ? 0 : Math.min(seconds, MAX_SECONDS);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Why the value cannot be saved, or null. */
    public static String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return "The password cache period must be a whole number of seconds";
        }
        if (seconds < 0 || seconds > MAX_SECONDS) {
            return "The password cache period must be between 0 and " + MAX_SECONDS + " seconds";
        }
        return null;
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(SECONDS)
                .label("Password cache (seconds)")
                .helpText("How long a password that verified is accepted again (Basic, custom header, /tokens, /a,"
                        + " /auth/login) without another password hash: legacy clients send it on every request."
                        + " Kept only as a keyed hash in each node's memory; a password change, reset or removal ends"
                        + " it at once; a wrong password always costs a full hash. 0 (the default) turns it off;"
                        + " at most " + MAX_SECONDS + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("0")
                .add()
                .build();
    }
}
