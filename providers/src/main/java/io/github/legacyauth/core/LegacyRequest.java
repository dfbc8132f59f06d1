package io.github.legacyauth.core;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.HttpHeaders;

import org.keycloak.models.KeycloakSession;

/**
 * The parts of an HTTP request the schemes read. The method is the one a gateway forwarded in
 * {@code X-Forwarded-Method} or {@code X-Original-Method} when present, else the request's own.
 */
public final class LegacyRequest {

    /** Longest header value a scheme reads; anything longer is refused without being parsed. */
    public static final int MAX_CREDENTIAL_LENGTH = 8192;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<String> METHOD_HEADERS = List.of("X-Forwarded-Method", "X-Original-Method");
    /**
     * Headers and the query parameter by which frameworks let a client tunnel another method through a
     * GET or POST. The extension never acts on them, but an application behind the gateway may: a request
     * naming an unsafe method in any of them may change state.
     */
    private static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");
    private static final String OVERRIDE_PARAMETER = "_method";

    private final HttpHeaders headers;
    private final String method;
    private final String ownMethod;
    private final List<String> overrideParameters;

    LegacyRequest(HttpHeaders headers, String method, String ownMethod, List<String> overrideParameters) {
        this.headers = headers;
        this.method = method;
        this.ownMethod = ownMethod;
        this.overrideParameters = overrideParameters == null ? List.of() : overrideParameters;
    }

    public static LegacyRequest of(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String own = session.getContext().getHttpRequest().getHttpMethod();
        String method = firstNonBlank(headers.getHeaderString(METHOD_HEADERS.get(0)),
                headers.getHeaderString(METHOD_HEADERS.get(1)), own);
        List<String> overrideParameters = session.getContext().getUri() == null ? null
                : session.getContext().getUri().getQueryParameters().get(OVERRIDE_PARAMETER);
        return new LegacyRequest(headers, method.trim().toUpperCase(Locale.ROOT),
                own == null ? "GET" : own.toUpperCase(Locale.ROOT), overrideParameters);
    }

    public String method() {
        return method;
    }

    /**
     * True unless every method this request names - its own, any {@code X-Forwarded-Method} or
     * {@code X-Original-Method}, any method override ({@code X-HTTP-Method-Override}, {@code X-HTTP-Method},
     * {@code X-Method-Override}, the query parameter {@code _method}) - is a safe one (GET, HEAD, OPTIONS,
     * TRACE). Checks that guard state changes (CSRF) use this, so no header can turn a DELETE into a GET.
     */
    public boolean mayChangeState() {
        if (!SAFE_METHODS.contains(method) || !SAFE_METHODS.contains(ownMethod)) {
            return true;
        }
        for (String name : METHOD_HEADERS) {
            if (namesUnsafeMethod(headerValues(name))) {
                return true;
            }
        }
        for (String name : OVERRIDE_HEADERS) {
            if (namesUnsafeMethod(headerValues(name))) {
                return true;
            }
        }
        return namesUnsafeMethod(overrideParameters);
    }

    private static boolean namesUnsafeMethod(List<String> values) {
        for (String value : values) {
            if (value != null && !value.isBlank() && !SAFE_METHODS.contains(value.trim().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
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
