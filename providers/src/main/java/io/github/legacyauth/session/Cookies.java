package io.github.legacyauth.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.MalformedCredentialException;

/**
 * The request's cookies (RFC 6265 {@code Cookie} header, possibly split over several headers). A name
 * sent twice with different values is ambiguous and so malformed; a quoted value loses its quotes.
 */
final class Cookies {

    private final Map<String, String> values;

    private Cookies(Map<String, String> values) {
        this.values = values;
    }

    static Cookies of(LegacyRequest request) throws MalformedCredentialException {
        return parse(request.headerValues("Cookie"));
    }

    static Cookies parse(List<String> headers) throws MalformedCredentialException {
        Map<String, String> values = new HashMap<>();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            if (header.length() > LegacyRequest.MAX_CREDENTIAL_LENGTH) {
                throw new MalformedCredentialException("cookie header too long");
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                String previous = values.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                    throw new MalformedCredentialException("cookie sent twice with different values");
                }
            }
        }
        return new Cookies(values);
    }

    /** Whether a cookie of this name is present, without judging the rest of the header. */
    static boolean present(LegacyRequest request, String name) {
        String prefix = name + "=";
        for (String header : request.headerValues("Cookie")) {
            if (header == null) {
                continue;
            }
            for (String pair : header.split(";")) {
                if (pair.trim().startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cookie's value, or null. */
    String get(String name) {
        return values.get(name);
    }
}
