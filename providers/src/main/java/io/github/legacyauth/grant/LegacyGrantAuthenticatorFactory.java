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

/**
 * What every legacy direct-grant step has in common: one scheme, a "Header name" setting in its flow
 * config dialog, the requirements it may take. The subclasses say which scheme and how it is labelled.
 */
abstract class LegacyGrantAuthenticatorFactory implements AuthenticatorFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private final LegacyGrantAuthenticator authenticator;
    private final List<ProviderConfigProperty> properties;

    /**
     * @param headerSetting the realm-setting key the "Header name" field overrides for this step
     * @param headerHelp    the help text of that field
     * @param defaultHeader the value the field shows when empty, or null
     */
    LegacyGrantAuthenticatorFactory(String schemeId, String headerSetting, String headerHelp, String defaultHeader) {
        this.authenticator = new LegacyGrantAuthenticator(schemeId);
        this.properties = ProviderConfigurationBuilder.create()
                .property()
                .name(headerSetting)
                .label("Header name")
                .helpText(headerHelp)
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(defaultHeader)
                .add()
                .build();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
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
