package io.github.legacyauth.core;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import io.github.legacyauth.passwordcache.VerifiedPasswordCache;
import io.github.legacyauth.verify.VerifyResource;

/** Mounts the extension's realm endpoints under {@code /realms/{realm}/legacy-auth}. */
public final class LegacyAuthResourceProviderFactory implements RealmResourceProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "legacy-auth";

    private SchemeRegistry registry;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new LegacyAuthResourceProvider(session, registry);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        registry = SchemeRegistry.of(factory);
        LegacyMetrics.registerGauges(() -> VerifiedPasswordCache.node().size());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", ExtensionVersion.get(),
                "schemes", String.join(",", registry.factories().stream().map(f -> f.getId()).toList()));
    }

    static final class LegacyAuthResourceProvider implements RealmResourceProvider {

        private final KeycloakSession session;
        private final SchemeRegistry registry;

        LegacyAuthResourceProvider(KeycloakSession session, SchemeRegistry registry) {
            this.session = session;
            this.registry = registry;
        }

        @Override
        public Object getResource() {
            return new LegacyAuthResource(session, registry);
        }

        @Override
        public void close() {
        }
    }
}
