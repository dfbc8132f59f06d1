package io.github.legacyauth.core;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * Factory of a {@link LegacyScheme}. Its id is the scheme's name in {@code X-Auth-Scheme} and in events.
 * Schemes are tried from the highest {@link #order()} down; the first one present in a request decides.
 */
public interface LegacySchemeFactory extends ProviderFactory<LegacyScheme> {

    /** The realm setting that switches this scheme on; schemes are off until an admin turns them on. */
    String enabledSetting();

    /** The settings this scheme adds to the realm's settings page, its on/off switch first. */
    List<ProviderConfigProperty> settingsProperties();

    /**
     * Where this scheme's settings stand on the settings page, lowest first: the order an admin reads
     * them in (password schemes, then keys, then issued credentials), not the order schemes are tried in.
     */
    default int settingsPosition() {
        return 1000;
    }

    /** Refuses settings this scheme cannot work with; the message is shown to the admin. */
    default void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings)
            throws ComponentValidationException {
    }

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
