package io.github.legacyauth.accesskey;

import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/** Tuleap's {@code X-Auth-AccessKey: <key>}. */
public final class AccessKeyScheme implements LegacyScheme {

    /** Only a direct-grant authenticator's config sets this: the realm's forward auth keeps Tuleap's name. */
    public static final String HEADER_NAME = "accessKeyHeaderName";
    public static final String DEFAULT_HEADER = "X-Auth-AccessKey";

    private static String header(SchemeContext context) {
        return context.settings().get(HEADER_NAME, DEFAULT_HEADER);
    }

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().hasHeader(header(context));
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        try {
            return AccessKeyVerifier.verify(context, context.request().singleHeader(header(context)).trim(), null);
        } catch (MalformedCredentialException e) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
    }
}
