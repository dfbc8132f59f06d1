package io.github.legacyauth.admin;

import org.keycloak.common.Profile;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The realm's settings are a component of Keycloak's admin-page type ({@link UiPageProvider}), which
 * Keycloak registers only with its experimental {@code declarative-ui} feature. Without that feature this
 * SPI registers the same type in its place, so the settings can still be imported, read and saved (through
 * the extension's own settings page and REST endpoint); with the feature on, Keycloak's own SPI does it
 * and this one stays off. Exactly one of the two is ever enabled.
 */
public final class SettingsPageSpi implements Spi {

    public static final String NAME = "legacy-auth-settings-page";

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return UiPageProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return UiPageProviderFactory.class;
    }

    @Override
    public boolean isEnabled() {
        return !Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI);
    }
}
