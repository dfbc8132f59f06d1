package io.github.legacyauth.session;

import java.net.URI;
import java.util.Locale;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

/**
 * Login CSRF: a page on another site must not sign a visitor's browser in (to the attacker's account)
 * by posting a login form to {@code /auth/login}. A login that a browser marks as cross-site
 * ({@code Sec-Fetch-Site: cross-site}) or sends from another origin ({@code Origin}, also {@code null})
 * is refused, unless that origin is one of the session-cookie client's Web origins. Clients that are
 * not browsers send neither header and are not affected; the seed's JSON login from its own pages is not.
 */
final class CrossOriginLogin {

    /** Event error of a refused cross-origin login. */
    static final String EVENT_ERROR = "legacy_cross_origin_login";

    private CrossOriginLogin() {
    }

    static boolean refused(KeycloakSession session, ClientModel client) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        String fetchSite = session.getContext().getRequestHeaders().getHeaderString("Sec-Fetch-Site");
        if (origin == null || origin.isBlank()) {
            return fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site");
        }
        String normalized = normalize(origin.trim());
        if (normalized == null) {
            return true;
        }
        if (normalized.equals(normalize(session.getContext().getUri().getBaseUri().toString()))) {
            return false;
        }
        return client == null || client.getWebOrigins().stream()
                .map(CrossOriginLogin::normalize)
                .noneMatch(normalized::equals);
    }

    /** {@code scheme://host:port} in lower case with the default port made explicit; null when unusable. */
    static String normalize(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
