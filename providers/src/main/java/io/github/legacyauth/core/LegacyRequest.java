package io.github.legacyauth.core;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.KeycloakSession;

/**
 * The parts of an HTTP request the schemes read. The method is the one a gateway forwarded in
 * {@code X-Forwarded-Method} or {@code X-Original-Method} when present, else the request's own.
 */
public final class LegacyRequest {

    /** Longest header value a scheme reads; anything longer is refused without being parsed. */
    public static final int MAX_CREDENTIAL_LENGTH = 8192;

    private final HttpHeaders headers;
    private final String method;

    LegacyRequest(HttpHeaders headers, String method) {
        this.headers = headers;
        this.method = method;
    }

    public static LegacyRequest of(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String method = firstNonBlank(headers.getHeaderString("X-Forwarded-Method"),
                headers.getHeaderString("X-Original-Method"),
                session.getContext().getHttpRequest().getHttpMethod());
        return new LegacyRequest(headers, method.trim().toUpperCase(Locale.ROOT));
    }

    public String method() {
        return method;
    }

    public boolean hasHeader(String name) {
        return !headerValues(name).isEmpty();
    }

    /** Every value of a header, in order; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? List.of() : values;
    }

    /**
     * The single value of a header, or null when absent. A header sent twice, or longer than
     * {@link #MAX_CREDENTIAL_LENGTH}, is malformed: a credential must be unambiguous.
     */
    public String singleHeader(String name) throws MalformedCredentialException {
        List<String> values = headerValues(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new MalformedCredentialException("header sent more than once");
        }
        String value = values.get(0);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_CREDENTIAL_LENGTH) {
            throw new MalformedCredentialException("header too long");
        }
        return value;
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "GET";
    }
}
