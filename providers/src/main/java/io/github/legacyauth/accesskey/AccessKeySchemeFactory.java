package io.github.legacyauth.accesskey;

import java.util.List;

import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;

/**
 * Personal access keys: created by users for themselves (or by an admin for them), shown once, stored
 * as a hash, scoped to some of the owner's roles, revocable. Accepted in {@code X-Auth-AccessKey} and
 * in place of the password in HTTP Basic.
 */
public final class AccessKeySchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "access-key";
    public static final String ENABLED = AccessKeySettings.ENABLED;

    private static final AccessKeyScheme SCHEME = new AccessKeyScheme();

    @Override
    public LegacyScheme create(KeycloakSession session) {
        return SCHEME;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public String enabledSetting() {
        return ENABLED;
    }

    /** Whether keys are accepted in the realm, also where another scheme carries them (Basic). */
    public static boolean enabledIn(RealmSettings settings) {
        return settings.isOn(ENABLED);
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ENABLED)
                .label("Personal access keys")
                .helpText("Accept personal access keys in 'X-Auth-AccessKey' (Tuleap) and in place of the password"
                        + " in HTTP Basic. Users create their own keys in the account console.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(AccessKeySettings.MAX_PER_USER)
                .label("Maximum keys per user")
                .helpText("How many access keys one user may hold at a time.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(AccessKeySettings.DEFAULT_MAX_PER_USER))
                .add()
                .property()
                .name(AccessKeySettings.MAX_LIFETIME_DAYS)
                .label("Maximum key lifetime (days)")
                .helpText("Longest lifetime of a new access key, in days; a key created without an expiry gets"
                        + " this one. 0 means keys may live forever.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("0")
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        String problem = AccessKeySettings.problemWith(settings);
        if (problem != null) {
            throw new ComponentValidationException(problem);
        }
    }

    @Override
    public int settingsPosition() {
        return 30;
    }
}
