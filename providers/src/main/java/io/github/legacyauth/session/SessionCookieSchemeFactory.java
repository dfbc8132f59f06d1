package io.github.legacyauth.session;

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
 * ZaneOps' session cookie: {@code POST /auth/login} sets {@code sessionid}; requests carry it, and
 * state-changing ones also carry the {@code csrftoken} cookie's value in {@code X-CSRFToken}. Its order is
 * the lowest of all schemes: a browser sends cookies along with everything, so any explicit credential in
 * the same request decides first.
 */
public final class SessionCookieSchemeFactory implements LegacySchemeFactory {

    public static final String PROVIDER_ID = "session-cookie";
    /** Session cookies are {@code lsc_} + session id + secret + checksum; by default they live 14 days, as in ZaneOps. */
    static final IssuedSessionKind KIND = new IssuedSessionKind(PROVIDER_ID, new IssuedSecret("lsc_"),
            "sessionCookieEnabled", "sessionCookieClient", "sessionCookieMaxAgeSeconds", 14 * 24 * 60 * 60,
            "session cookies");
    private static final SessionCookieScheme SCHEME = new SessionCookieScheme();

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
        return 70;
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
                .label("Session cookie with CSRF token (/auth/login, /csrf)")
                .helpText("ZaneOps' session login: a JSON username and password sent to /auth/login set the"
                        + " 'sessionid' cookie; /verify accepts it, and requires the 'csrftoken' cookie echoed in"
                        + " X-CSRFToken for POST, PUT, PATCH and DELETE. Each login is a Keycloak offline session.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .property()
                .name(KIND.clientKey())
                .label("Session-cookie client")
                .helpText("The client the cookie sessions belong to; they appear in its Sessions tab.")
                .type(ProviderConfigProperty.CLIENT_LIST_TYPE)
                .add()
                .property()
                .name(KIND.lifetimeKey())
                .label("Session-cookie lifetime (seconds)")
                .helpText("The cookie's Max-Age and the session's lifetime. Default: "
                        + KIND.defaultLifetime() + " (14 days, as in ZaneOps). The realm's"
                        + " offline-session limits apply as well.")
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
