package io.github.legacyauth.accesskey;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/** Tuleap's {@code X-Auth-AccessKey: <key>}. */
final class AccessKeyScheme implements LegacyScheme {

    static final String HEADER = "X-Auth-AccessKey";

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().hasHeader(HEADER);
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        try {
            return AccessKeyVerifier.verify(context, context.request().singleHeader(HEADER).trim(), null);
        } catch (MalformedCredentialException e) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
    }
}
