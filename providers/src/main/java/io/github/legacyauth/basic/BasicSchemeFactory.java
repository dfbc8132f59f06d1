package io.github.legacyauth.basic;

import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SettingRefused;

/** HTTP Basic with the user's Keycloak username (or e-mail) and password. */
public final class BasicSchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "basic";
    public static final String ENABLED = "basicEnabled";

    private static final BasicScheme SCHEME = new BasicScheme();

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
        return 100;
    }

    @Override
    public String enabledSetting() {
        return ENABLED;
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ENABLED)
                .label("HTTP Basic")
                .helpText("Accept 'Authorization: Basic base64(username:password)' with the user's Keycloak"
                        + " username or e-mail and password (Kanboard's user API).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(AppApiSettings.ENABLED)
                .label("Application API")
                .helpText("Accept Kanboard's application API: the username below with an application token as password"
                        + " (in HTTP Basic or the custom header) authenticates as the service account of the client below."
                        + " Tokens are managed under /admin/realms/{realm}/legacy-auth/app-tokens.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(AppApiSettings.USERNAME)
                .label("Application API username")
                .helpText("The username that means 'application token follows'. Default: "
                        + AppApiSettings.DEFAULT_USERNAME + ". A real user of that name can no longer use Basic.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(AppApiSettings.DEFAULT_USERNAME)
                .add()
                .property()
                .name(AppApiSettings.CLIENT)
                .label("Application API client")
                .helpText("Client whose service account (and its roles) the application API acts as. Service accounts"
                        + " must be enabled on it.")
                .type(ProviderConfigProperty.CLIENT_LIST_TYPE)
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        AppApiSettings appApi = AppApiSettings.of(settings);
        if (appApi.username().contains(":") || appApi.username().codePoints().anyMatch(Character::isISOControl)) {
            throw new SettingRefused(AppApiSettings.USERNAME,
                    "The application API username may not contain ':' or control characters");
        }
        if (!appApi.enabled()) {
            return;
        }
        ClientModel client = appApi.clientId() == null ? null : realm.getClientByClientId(appApi.clientId());
        if (client == null || !client.isServiceAccountsEnabled()) {
            throw new SettingRefused(AppApiSettings.CLIENT, "The application API needs a client with service accounts enabled");
        }
    }

    @Override
    public int settingsPosition() {
        return 10;
    }
}
