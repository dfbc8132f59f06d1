package io.github.legacyauth.core;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The answer to a request whose {@code Content-Type} cannot be parsed (e.g. {@code garbage}): 400 on every
 * path and method of the extension. Keycloak's security-headers filter parses the request's content
 * type for every response and fails with 500 on such a value, so this answer switches that filter off
 * for the request and sets the same REST headers itself. A gateway forwards the client's headers to
 * /verify, so this is hostile input the extension must refuse cleanly.
 */
public final class UnreadableContentType {

    private final KeycloakSession session;

    private UnreadableContentType(KeycloakSession session) {
        this.session = session;
    }

    /** The refusing resource when the request's content type cannot be parsed, else null. */
    static UnreadableContentType of(KeycloakSession session) {
        String contentType = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return null;
        }
        try {
            MediaType.valueOf(contentType);
            return null;
        } catch (RuntimeException e) {
            SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
            if (headers != null) {
                headers.options().skipHeaders();
            }
            return new UnreadableContentType(session);
        }
    }

    private Response refuse() {
        Response.ResponseBuilder response = Response.fromResponse(
                Challenge.badRequest("The Content-Type header cannot be parsed"));
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

    @GET
    public Response get() {
        return refuse();
    }

    @HEAD
    public Response head() {
        return refuse();
    }

    @POST
    public Response post() {
        return refuse();
    }

    @PUT
    public Response put() {
        return refuse();
    }

    @PATCH
    public Response patch() {
        return refuse();
    }

    @DELETE
    public Response delete() {
        return refuse();
    }

    @OPTIONS
    public Response options() {
        return refuse();
    }

    /** Any deeper path ({@code tokens/{token}}, {@code auth/login}, ...) gets the same answer. */
    @Path("{rest:.+}")
    public UnreadableContentType deeper() {
        return this;
    }
}
