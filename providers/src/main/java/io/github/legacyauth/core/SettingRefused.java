package io.github.legacyauth.core;

import org.keycloak.component.ComponentValidationException;

/**
 * A settings value the realm cannot save, naming the setting at fault so a settings page can show the
 * refusal on that field. Keycloak's component endpoint shows its message as it shows any other.
 */
public final class SettingRefused extends ComponentValidationException {

    private final String setting;

    public SettingRefused(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The name of the setting at fault. */
    public String setting() {
        return setting;
    }
}
