package io.github.legacyauth.session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.keycloak.models.KeycloakSession;

/**
 * {@code Set-Cookie} values written the way Django writes them (ZaneOps is a Django application):
 * {@code name=value; expires=...; [HttpOnly; ]Max-Age=...; Path=/; SameSite=Lax[; Secure]}. Secure is
 * added when the request reached Keycloak over HTTPS, as Keycloak sees it (its proxy settings apply).
 */
final class SetCookie {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private SetCookie() {
    }

    static String of(KeycloakSession session, String name, String value, int maxAgeSeconds, boolean httpOnly) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
                .append("; expires=").append(HTTP_DATE.format(Instant.now().plusSeconds(maxAgeSeconds)));
        if (httpOnly) {
            cookie.append("; HttpOnly");
        }
        cookie.append("; Max-Age=").append(maxAgeSeconds).append("; Path=/; SameSite=Lax");
        if (isHttps(session)) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }

    /** Tells the client to drop a cookie, as Django's {@code delete_cookie} does. */
    static String expired(KeycloakSession session, String name) {
        StringBuilder cookie = new StringBuilder(name)
                .append("=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax");
        if (isHttps(session)) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }

    private static boolean isHttps(KeycloakSession session) {
        return "https".equalsIgnoreCase(session.getContext().getUri().getBaseUri().getScheme());
    }
}
