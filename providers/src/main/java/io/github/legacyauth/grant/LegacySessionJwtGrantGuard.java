package io.github.legacyauth.grant;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Keycloak's JWT authorization grant ({@code urn:ietf:params:oauth:grant-type:jwt-bearer}, Keycloak 26.7.3
 * and later) issues a token of the requesting client for the subject of an identity provider's assertion.
 * A realm whose admin trusts the realm's own issuer there would take a legacy session's token as the
 * assertion and issue it with that client's scope. So an assertion naming a legacy session is refused
 * ({@code 400 invalid_grant}); every other request goes to Keycloak's grant unchanged. Loaded only where
 * Keycloak has that grant and its feature is on; it then takes the place of Keycloak's factory.
 */
public final class LegacySessionJwtGrantGuard implements OAuth2GrantTypeFactory, EnvironmentDependentProviderFactory {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String KEYCLOAKS = "org.keycloak.protocol.oidc.grants.JWTAuthorizationGrantTypeFactory";

    private OAuth2GrantTypeFactory keycloaks;

    @Override
    public boolean isSupported(Config.Scope config) {
        OAuth2GrantTypeFactory factory = keycloaks();
        return factory instanceof EnvironmentDependentProviderFactory dependent && dependent.isSupported(config);
    }

    /** Keycloak's factory, or null on a version without the grant. */
    private OAuth2GrantTypeFactory keycloaks() {
        if (keycloaks == null) {
            try {
                Class.forName(KEYCLOAKS, false, LegacySessionJwtGrantGuard.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
            keycloaks = KeycloaksJwtGrant.factory();
        }
        return keycloaks;
    }

    @Override
    public String getId() {
        return GRANT_TYPE;
    }

    @Override
    public String getShortcut() {
        OAuth2GrantTypeFactory factory = keycloaks();
        return factory == null ? "ag" : factory.getShortcut();
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new LegacySessionUmaGuard.Guarded(keycloaks().create(session), List.of("assertion"));
    }

    /** Above Keycloak's own factory of this id (order 0). */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public void init(Config.Scope config) {
        if (keycloaks() != null) {
            keycloaks.init(config);
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (keycloaks() != null) {
            keycloaks.postInit(factory);
        }
    }

    @Override
    public void close() {
        if (keycloaks != null) {
            keycloaks.close();
        }
    }

    /** Names Keycloak's class in a class of its own, loaded only on a version that has it. */
    private static final class KeycloaksJwtGrant {

        static OAuth2GrantTypeFactory factory() {
            return new org.keycloak.protocol.oidc.grants.JWTAuthorizationGrantTypeFactory();
        }
    }
}
