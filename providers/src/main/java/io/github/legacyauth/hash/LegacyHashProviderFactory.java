package io.github.legacyauth.hash;

import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * A Keycloak password hash provider for a legacy format: stateless, one instance for the server. The
 * subclasses are what {@code META-INF/services} lists.
 */
abstract class LegacyHashProviderFactory implements PasswordHashProviderFactory {

    private final String id;
    private final PasswordHashProvider provider;

    LegacyHashProviderFactory(String id, PasswordHashProvider provider) {
        this.id = id;
        this.provider = provider;
    }

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return id;
    }
}
