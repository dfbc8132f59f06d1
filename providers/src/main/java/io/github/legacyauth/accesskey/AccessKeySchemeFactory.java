package io.github.legacyauth.accesskey;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SettingRefused;

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
                .property()
                .name(AccessKeySettings.DEFAULT_LIFETIME_DAYS)
                .label("Default key lifetime (days)")
                .helpText("The expiry the account console proposes for a new key (users may pick 7, 30 or 90 days,"
                        + " or a date). 0 proposes the maximum lifetime, or no expiry when there is no maximum.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("0")
                .add()
                .property()
                .name(AccessKeySettings.EXPIRED_RETENTION_DAYS)
                .label("Days an expired key stays listed")
                .helpText("An expired key is refused at once and shown as expired; after this many days it is"
                        + " removed from its owner's list.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(AccessKeySettings.DEFAULT_EXPIRED_RETENTION_DAYS))
                .add()
                .property()
                .name(AccessKeySettings.SCOPE_ROLES)
                .label("Roles keys may carry")
                .helpText("The roles users may give their keys (realm roles by name, client roles as"
                        + " client:role). A key then acts with at most these of its owner's roles. Empty: any"
                        + " role its owner holds.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        AccessKeySettings.Problem problem = AccessKeySettings.problemWith(realm, settings);
        if (problem != null) {
            throw new SettingRefused(problem.setting(), problem.message());
        }
    }

    @Override
    public int settingsPosition() {
        return 30;
    }
}
