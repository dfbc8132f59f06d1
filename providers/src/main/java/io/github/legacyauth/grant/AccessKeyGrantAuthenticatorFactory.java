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

import io.github.legacyauth.accesskey.AccessKeyScheme;
import io.github.legacyauth.accesskey.AccessKeySchemeFactory;

/**
 * Direct grant with a personal access key in {@code X-Auth-AccessKey}: a standard Keycloak token whose
 * roles are only the key's (the client needs the {@link KeyScopeMapper}). Sessions opened this way can
 * never manage access keys.
 */
public final class AccessKeyGrantAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "legacy-auth-access-key-grant";

    private static final LegacyGrantAuthenticator AUTHENTICATOR =
            new LegacyGrantAuthenticator(AccessKeySchemeFactory.PROVIDER_ID);

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
        return "Legacy personal access key (X-Auth-AccessKey)";
    }

    @Override
    public String getHelpText() {
        return "Authenticates the user from a personal access key in a header. The token carries only the key's"
                + " roles: add the 'Legacy access-key scopes' mapper to the client. Personal access keys must be on in"
                + " the realm's legacy-auth settings.";
    }

    @Override
    public String getReferenceCategory() {
        return AccessKeySchemeFactory.PROVIDER_ID;
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
                .name(AccessKeyScheme.HEADER_NAME)
                .label("Header name")
                .helpText("Header that carries the access key at the token endpoint. Default: "
                        + AccessKeyScheme.DEFAULT_HEADER + ".")
                .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(AccessKeyScheme.DEFAULT_HEADER)
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
