package io.github.legacyauth.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

import io.github.legacyauth.core.ExtensionVersion;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeRegistry;

/**
 * The admin console page "Legacy API authentication". Its configuration is one realm component, which
 * {@link RealmSettings} reads on every request. The fields are the core settings followed by each
 * installed scheme's own, so a new scheme brings its settings with it.
 */
public final class SettingsPageFactory implements UiPageProvider, UiPageProviderFactory<ComponentModel>,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "legacy-auth-settings";
    /** The name the page lists the realm's settings by (the console links and titles an item by its first field). */
    static final String DISPLAY_NAME = "displayName";
    static final String DEFAULT_DISPLAY_NAME = "Legacy API authentication";

    private List<ProviderConfigProperty> properties = List.of();
    private SchemeRegistry registry;

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        registry = SchemeRegistry.of(factory);
        List<ProviderConfigProperty> all = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property()
                .name(DISPLAY_NAME)
                .label("Name")
                .helpText("How this page lists these settings. A realm has one set of settings; every scheme below"
                        + " reads them on each request, so a saved change applies to the next request.")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(DEFAULT_DISPLAY_NAME)
                .add()
                .property()
                .name(RealmSettings.API_ACCESS_ROLE)
                .label("API-access role")
                .helpText("When set, only users holding this role (directly, through a group or a composite role)"
                        + " may use any legacy scheme; others get 403. Leave empty to let every user in.")
                .type(ProviderConfigProperty.ROLE_TYPE)
                .add()
                .build());
        registry.factories().stream()
                .sorted(java.util.Comparator.comparingInt(LegacySchemeFactory::settingsPosition)
                        .thenComparing(LegacySchemeFactory::getId))
                .forEach(scheme -> all.addAll(scheme.settingsProperties()));
        properties = List.copyOf(all);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        boolean another = realm.getComponentsStream(realm.getId(), UiPageProvider.class.getName())
                .anyMatch(c -> PROVIDER_ID.equals(c.getProviderId()) && !c.getId().equals(model.getId()));
        if (another) {
            throw new ComponentValidationException("This realm already has legacy-auth settings; edit those instead");
        }
        String displayName = model.get(DISPLAY_NAME);
        if (displayName == null || displayName.isBlank()) {
            // settings saved through the REST API or imported without a name still get a link in the list
            model.getConfig().putSingle(DISPLAY_NAME, DEFAULT_DISPLAY_NAME);
        }
        RealmSettings settings = RealmSettings.of(model.getConfig());
        String role = settings.apiAccessRole();
        if (role != null && KeycloakModelUtils.getRoleFromString(realm, role) == null) {
            throw new ComponentValidationException("The API-access role '" + role + "' does not exist in this realm");
        }
        for (LegacySchemeFactory scheme : registry.factories()) {
            scheme.validateSettings(session, realm, settings);
        }
    }

    /** The list shows the name and the API-access role; the first links to the settings. */
    @Override
    public Map<String, Object> getTypeMetadata() {
        return Map.of("displayFields", List.of(DISPLAY_NAME, RealmSettings.API_ACCESS_ROLE));
    }

    @Override
    public String getHelpText() {
        return "Legacy API authentication: which legacy schemes (HTTP Basic, custom header, ...) this realm"
                + " accepts, and who may use them.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get());
    }
}
