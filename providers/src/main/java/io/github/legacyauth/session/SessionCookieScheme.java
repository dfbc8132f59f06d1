package io.github.legacyauth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.github.legacyauth.core.IssuedSessions;
import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/**
 * The {@code sessionid} cookie. A request that may change state (see
 * {@link io.github.legacyauth.core.LegacyRequest#mayChangeState()}) passes only when the
 * {@code csrftoken} cookie equals the {@code X-CSRFToken} header, compared in constant time; else 403.
 */
final class SessionCookieScheme implements LegacyScheme {

    static final String SESSION_COOKIE = "sessionid";
    static final String CSRF_COOKIE = "csrftoken";
    static final String CSRF_HEADER = "X-CSRFToken";
    /** Event error of a state-changing request without a matching CSRF token. */
    static final String CSRF_MISMATCH = "csrf_token_mismatch";

    @Override
    public boolean presentIn(SchemeContext context) {
        return Cookies.present(context.request(), SESSION_COOKIE);
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        Cookies cookies;
        try {
            cookies = Cookies.of(context.request());
        } catch (MalformedCredentialException e) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        return check(context, cookies).outcome();
    }

    /** The session the cookie names, CSRF included. */
    static IssuedSessions.Checked check(SchemeContext context, Cookies cookies) {
        IssuedSessions.Checked checked = IssuedSessions.check(context, SessionCookieSchemeFactory.KIND,
                cookies.get(SESSION_COOKIE));
        if (checked.outcome() instanceof Outcome.Authenticated authenticated && context.request().mayChangeState()
                && !csrfMatches(context, cookies)) {
            return new IssuedSessions.Checked(Outcome.forbidden(CSRF_MISMATCH, authenticated.principal().user()),
                    checked.session());
        }
        return checked;
    }

    private static boolean csrfMatches(SchemeContext context, Cookies cookies) {
        String cookie = cookies.get(CSRF_COOKIE);
        String header;
        try {
            header = context.request().singleHeader(CSRF_HEADER);
        } catch (MalformedCredentialException e) {
            return false;
        }
        if (!CsrfToken.isWellFormed(cookie) || header == null) {
            return false;
        }
        return MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                header.trim().getBytes(StandardCharsets.UTF_8));
    }
}
