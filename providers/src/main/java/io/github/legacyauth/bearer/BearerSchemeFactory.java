package io.github.legacyauth.bearer;

import java.util.List;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SettingRefused;

/**
 * Zettelstore's login endpoint {@code POST /a} (Basic or form credentials -> {@code ("Bearer" "<token>"
 * <seconds>)}) and the bearer it issues: a real Keycloak access token of a Keycloak user session.
 */
public final class BearerSchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "bearer";
    private static final BearerScheme SCHEME = new BearerScheme();

    @Override
    public LegacyScheme create(KeycloakSession session) {
        return SCHEME;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String enabledSetting() {
        return BearerSettings.ENABLED;
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(BearerSettings.ENABLED)
                .label("Login endpoint with bearer tokens (/a)")
                .helpText("Zettelstore's POST /a: HTTP Basic or form username/password give a bearer token, a Keycloak"
                        + " access token, which /verify accepts as 'Authorization: Bearer'.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(BearerSettings.CLIENT)
                .label("Bearer token client")
                .helpText("The client the tokens are issued for (their 'azp'). Its scopes and mappers shape the token. Its"
                        + " role scope must leave out every administration and account role: Full scope allowed off,"
                        + " and only the roles the tokens may carry in its scope mappings.")
                .type(ProviderConfigProperty.CLIENT_LIST_TYPE)
                .add()
                .property()
                .name(BearerSettings.LIFETIME)
                .label("Bearer token lifetime (seconds)")
                .helpText("How long a token from /a is valid. Default: " + BearerSettings.DEFAULT_LIFETIME + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(BearerSettings.DEFAULT_LIFETIME))
                .add()
                .property()
                .name(BearerSettings.DELAY)
                .label("Issuing delay (milliseconds)")
                .helpText("Every answer of /a waits this long, as Zettelstore does (about 500). Default: 0.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("0")
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        String problem = BearerSettings.problemWith(settings);
        if (problem != null) {
            throw new SettingRefused(problem.startsWith("The issuing") ? BearerSettings.DELAY : BearerSettings.LIFETIME,
                    problem);
        }
        BearerSettings bearer = BearerSettings.of(settings);
        if (bearer.enabled()) {
            ClientModel client = bearer.clientId() == null ? null : realm.getClientByClientId(bearer.clientId());
            if (client == null) {
                throw new SettingRefused(BearerSettings.CLIENT, "The login endpoint /a needs a client to issue its tokens for");
            }
            String reach = LoginEndpoint.reachProblem(session, realm, client);
            if (reach != null) {
                throw new SettingRefused(BearerSettings.CLIENT, "The tokens of /a must not reach the admin or account"
                        + " APIs: " + reach);
            }
        }
    }

    @Override
    public int settingsPosition() {
        return 60;
    }
}
