package io.github.legacyauth.grant;

import io.github.legacyauth.basic.HeaderSchemeFactory;

/**
 * Direct grant with Kanboard's custom header: {@code X-API-Auth: b64(user:password)} (or another name) at
 * the token endpoint gives a standard Keycloak token for that user.
 */
public final class HeaderGrantAuthenticatorFactory extends LegacyGrantAuthenticatorFactory {

    public static final String PROVIDER_ID = "legacy-auth-header-grant";

    public HeaderGrantAuthenticatorFactory() {
        super(HeaderSchemeFactory.PROVIDER_ID, HeaderSchemeFactory.HEADER_NAME,
                "Header that carries base64(username:password) at the token endpoint. Empty: the realm's custom"
                        + " header name (default " + HeaderSchemeFactory.DEFAULT_HEADER_NAME + ").",
                null);
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
}
