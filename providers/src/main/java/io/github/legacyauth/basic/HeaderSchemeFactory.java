package io.github.legacyauth.basic;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SettingRefused;

/** The Basic credential in a custom header, as Kanboard's {@code API_AUTHENTICATION_HEADER}. */
public final class HeaderSchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "header";
    public static final String ENABLED = "headerEnabled";
    public static final String HEADER_NAME = "headerName";
    public static final String DEFAULT_HEADER_NAME = "X-API-Auth";

    private static final HeaderScheme SCHEME = new HeaderScheme();

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
        return 90;
    }

    @Override
    public String enabledSetting() {
        return ENABLED;
    }

    static String headerName(RealmSettings settings) {
        return settings.get(HEADER_NAME, DEFAULT_HEADER_NAME);
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ENABLED)
                .label("Custom header")
                .helpText("Accept base64(username:password) in a header of your choice, as Kanboard's"
                        + " API_AUTHENTICATION_HEADER does.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(HEADER_NAME)
                .label("Custom header name")
                .helpText("Name of the header that carries base64(username:password). Default: "
                        + DEFAULT_HEADER_NAME + ".")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULT_HEADER_NAME)
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        String problem = HeaderNameRule.problemWith(headerName(settings));
        if (problem != null) {
            throw new SettingRefused(HEADER_NAME, problem);
        }
    }

    @Override
    public int settingsPosition() {
        return 20;
    }
}
