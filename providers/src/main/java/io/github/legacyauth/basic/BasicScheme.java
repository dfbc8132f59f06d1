package io.github.legacyauth.basic;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/** {@code Authorization: Basic b64(user:password)}, the user found by username or e-mail. */
final class BasicScheme implements LegacyScheme {

    private static final Logger LOG = Logger.getLogger(BasicScheme.class);

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().headerValues(HttpHeaders.AUTHORIZATION).stream()
                .anyMatch(BasicCredential::isBasicAuthorization);
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        BasicCredential credential;
        try {
            credential = BasicCredential.fromAuthorization(context.request().singleHeader(HttpHeaders.AUTHORIZATION));
        } catch (MalformedCredentialException e) {
            LOG.debugf("Malformed Basic credential in realm %s: %s", context.realm().getName(), e.getMessage());
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        return BasicLogin.attempt(context, BasicSchemeFactory.PROVIDER_ID, credential);
    }

    @Override
    public String challenge(SchemeContext context) {
        return "Basic realm=\"" + context.realm().getName() + "\"";
    }
}
