package io.github.legacyauth.grant;

import io.github.legacyauth.accesskey.AccessKeyScheme;
import io.github.legacyauth.accesskey.AccessKeySchemeFactory;

/**
 * Direct grant with a personal access key in {@code X-Auth-AccessKey}: a standard Keycloak token whose
 * roles are only the key's (the client needs the {@link KeyScopeMapper}). Sessions opened this way can
 * never manage access keys.
 */
public final class AccessKeyGrantAuthenticatorFactory extends LegacyGrantAuthenticatorFactory {

    public static final String PROVIDER_ID = "legacy-auth-access-key-grant";

    public AccessKeyGrantAuthenticatorFactory() {
        super(AccessKeySchemeFactory.PROVIDER_ID, AccessKeyScheme.HEADER_NAME,
                "Header that carries the access key at the token endpoint. Default: "
                        + AccessKeyScheme.DEFAULT_HEADER + ".",
                AccessKeyScheme.DEFAULT_HEADER);
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
}
