package io.github.legacyauth.core;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The answer to a request the server itself cannot read, 400 on every path and method of the extension
 * where Keycloak would fail with 500:
 * <ul>
 *   <li>a {@code Content-Type} that cannot be parsed (e.g. {@code garbage}): Keycloak's security-headers
 *       filter parses it for every response, so this answer switches that filter off for the request and
 *       sets the same REST headers itself;</li>
 *   <li>a form body ({@code application/x-www-form-urlencoded}) with broken percent-encoding, bytes that
 *       are not UTF-8, or more than {@value #MAX_FORM_BYTES} bytes (413): the server's form reader would throw
 *       before any resource runs, so the extension reads such bodies first ({@link FormCapture}).</li>
 * </ul>
 * A gateway forwards client requests to /verify, so this is hostile input the extension must refuse
 * cleanly.
 */
public final class UnreadableRequest {

    static final int MAX_FORM_BYTES = LoginBody.MAX_BODY_BYTES;

    private final KeycloakSession session;
    private final String reason;
    private final boolean tooLarge;

    private UnreadableRequest(KeycloakSession session, String reason) {
        this(session, reason, false);
    }

    private UnreadableRequest(KeycloakSession session, String reason, boolean tooLarge) {
        this.session = session;
        this.reason = reason;
        this.tooLarge = tooLarge;
    }

    /** The refusing resource when the request cannot be read, else null (a form body is then captured). */
    static FixedAnswer of(KeycloakSession session) {
        String contentType = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (RuntimeException e) {
            SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
            if (headers != null) {
                headers.options().skipHeaders();
            }
            return new UnreadableRequest(session, "The Content-Type header cannot be parsed").resource();
        }
        if (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            FormCapture.Result form = FormCapture.capture(session.getContext().getHttpRequest().getHttpMethod(), MAX_FORM_BYTES);
            if (form == FormCapture.Result.TOO_LARGE) {
                return new UnreadableRequest(session, "The form body is larger than " + MAX_FORM_BYTES + " bytes", true)
                        .resource();
            }
            if (form == FormCapture.Result.UNREADABLE) {
                return new UnreadableRequest(session, "The form body cannot be read").resource();
            }
        }
        return null;
    }

    private FixedAnswer resource() {
        return new FixedAnswer(this::refuse);
    }

    private Response refuse() {
        Response.ResponseBuilder response = Response.fromResponse(tooLarge
                ? Challenge.error(413, "request_too_large", reason) : Challenge.badRequest(reason));
        RealmModel realm = session.getContext().getRealm();
        Map<String, String> configured = realm.getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders header : new BrowserSecurityHeaders[] {
                BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY, BrowserSecurityHeaders.X_CONTENT_TYPE_OPTIONS}) {
            String value = configured.get(header.getKey());
            if (value != null && !value.isBlank()) {
                response.header(header.getHeaderName(), value);
            }
        }
        return response.build();
    }
}
