package io.github.legacyauth.tokenpair;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import io.github.legacyauth.core.IssuedSecret;
import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.LegacySchemeFactory;
import io.github.legacyauth.core.RealmSettings;

/**
 * Tuleap's token pair: {@code POST /tokens} with a JSON username and password gives a token, and
 * {@code X-Auth-Token} + {@code X-Auth-UserId} authenticate until it expires or is deleted.
 */
public final class TokenPairSchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "token-pair";
    /** Tokens are {@code ltp_} + session id + secret + checksum; by default they live 24 hours, as in Tuleap. */
    static final IssuedSessionKind KIND = new IssuedSessionKind(PROVIDER_ID, new IssuedSecret("ltp_"),
            "tokenPairEnabled", "tokenPairClient", "tokenPairLifetimeSeconds", 24 * 60 * 60, "token pairs");
    private static final TokenPairScheme SCHEME = new TokenPairScheme();

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
        return 85;
    }

    @Override
    public String enabledSetting() {
        return KIND.enabledKey();
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(KIND.enabledKey())
                .label("Token pairs (POST /tokens, X-Auth-Token + X-Auth-UserId)")
                .helpText("Tuleap's token authentication: a JSON username and password sent to /tokens give a"
                        + " token; /verify accepts it with the user's id in X-Auth-UserId. Each token is a Keycloak"
                        + " offline session, listed under Sessions and ended there.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(KIND.clientKey())
                .label("Token-pair client")
                .helpText("The client the token sessions belong to; they appear in its Sessions tab.")
                .type(ProviderConfigProperty.CLIENT_LIST_TYPE)
                .add()
                .property()
                .name(KIND.lifetimeKey())
                .label("Token-pair lifetime (seconds)")
                .helpText("How long a token works after it is issued. Default: " + KIND.defaultLifetime()
                        + " (24 hours, as in Tuleap). The realm's offline-session limits apply as well.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(KIND.defaultLifetime()))
                .add()
                .build();
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        KIND.validate(realm, settings);
    }
}
