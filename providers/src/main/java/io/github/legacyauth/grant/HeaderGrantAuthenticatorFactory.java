package io.github.legacyauth.grant;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.basic.HeaderSchemeFactory;

/**
 * Direct grant with Kanboard's custom header: {@code X-API-Auth: b64(user:password)} (or another name) at
 * the token endpoint gives a standard Keycloak token for that user.
 */
public final class HeaderGrantAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "legacy-auth-header-grant";

    private static final LegacyGrantAuthenticator AUTHENTICATOR = new LegacyGrantAuthenticator(HeaderSchemeFactory.PROVIDER_ID);

    @Override
    public Authenticator create(KeycloakSession session) {
        return AUTHENTICATOR;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Legacy custom header (X-API-Auth)";
    }

    @Override
    public String getHelpText() {
        return "Authenticates the user from base64(username:password) in a custom header, as Kanboard's"
                + " API_AUTHENTICATION_HEADER. The password is checked by Keycloak; the custom-header scheme must be"
                + " on in the realm's legacy-auth settings.";
    }

    @Override
    public String getReferenceCategory() {
        return "password";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return GrantRequirements.CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(HeaderSchemeFactory.HEADER_NAME)
                .label("Header name")
                .helpText("Header that carries base64(username:password) at the token endpoint. Empty: the realm's"
                        + " custom header name (default " + HeaderSchemeFactory.DEFAULT_HEADER_NAME + ").")
                .type(ProviderConfigProperty.STRING_TYPE)
                .add()
                .build();
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
}
