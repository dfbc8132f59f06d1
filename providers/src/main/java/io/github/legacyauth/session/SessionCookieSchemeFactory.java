package io.github.legacyauth.session;

import io.github.legacyauth.core.IssuedSecret;
import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.IssuedSessionSchemeFactory;

/**
 * ZaneOps' session cookie: {@code POST /auth/login} sets {@code sessionid}; requests carry it, and
 * state-changing ones also carry the {@code csrftoken} cookie's value in {@code X-CSRFToken}. Its order is
 * the lowest of all schemes: a browser sends cookies along with everything, so any explicit credential in
 * the same request decides first.
 */
public final class SessionCookieSchemeFactory extends IssuedSessionSchemeFactory {

    public static final String PROVIDER_ID = "session-cookie";
    /** Session cookies are {@code lsc_} + session id + secret + checksum; by default they live 14 days, as in ZaneOps. */
    static final IssuedSessionKind KIND = new IssuedSessionKind(PROVIDER_ID, new IssuedSecret("lsc_"),
            "sessionCookieEnabled", "sessionCookieClient", "sessionCookieMaxAgeSeconds", 14 * 24 * 60 * 60,
            "session cookies");

    public SessionCookieSchemeFactory() {
        super(KIND, new SessionCookieScheme(), 70,
                new Text("Session cookie with CSRF token (/auth/login, /csrf)",
                        "ZaneOps' session login: a JSON username and password sent to /auth/login set the"
                                + " 'sessionid' cookie; /verify accepts it, and requires the 'csrftoken' cookie echoed"
                                + " in X-CSRFToken for every method but GET, HEAD, OPTIONS and TRACE. Each login is a"
                                + " Keycloak offline session."),
                new Text("Session-cookie client",
                        "The client the cookie sessions belong to; they appear in its Sessions tab."),
                new Text("Session-cookie lifetime (seconds)",
                        "The cookie's Max-Age and the session's lifetime (ZaneOps: 1209600, 14 days)."));
    }

    @Override
    public int settingsPosition() {
        return 50;
    }
}
