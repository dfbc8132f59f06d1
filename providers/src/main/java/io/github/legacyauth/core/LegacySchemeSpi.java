package io.github.legacyauth.core;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI every legacy scheme registers under; new schemes plug in here, not in the endpoints. */
public final class LegacySchemeSpi implements Spi {

    public static final String NAME = "legacy-auth-scheme";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return LegacyScheme.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LegacySchemeFactory.class;
    }
}
