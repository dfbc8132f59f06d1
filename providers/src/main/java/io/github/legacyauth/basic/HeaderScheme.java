package io.github.legacyauth.basic;

import org.jboss.logging.Logger;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/**
 * Kanboard's custom header: {@code X-API-Auth: b64(user:password)} (the name is a realm setting). The
 * value is the bare Base64 of RFC 7617; a {@code Basic } prefix is tolerated.
 */
final class HeaderScheme implements LegacyScheme {

    private static final Logger LOG = Logger.getLogger(HeaderScheme.class);

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().hasHeader(HeaderSchemeFactory.headerName(context.settings()));
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        BasicCredential credential;
        try {
            String value = context.request().singleHeader(HeaderSchemeFactory.headerName(context.settings()));
            credential = BasicCredential.isBasicAuthorization(value)
                    ? BasicCredential.fromAuthorization(value)
                    : BasicCredential.decode(value);
        } catch (MalformedCredentialException e) {
            LOG.debugf("Malformed custom-header credential in realm %s: %s", context.realm().getName(), e.getMessage());
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        return BasicLogin.attempt(context, HeaderSchemeFactory.PROVIDER_ID, credential);
    }
}
