package io.github.legacyauth.basic;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;

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
                .build();
    }
}
