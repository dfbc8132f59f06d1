package io.github.legacyauth.core;

import java.util.List;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.Errors;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * The refusals every front door answers with. A 401 has one body whatever went wrong, so a client
 * cannot tell an unknown user from a wrong password, a disabled user or a locked one.
 */
public final class Challenge {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private Challenge() {
    }

    public static Response unauthorized(List<String> challenges) {
        Response.ResponseBuilder response = json(Response.Status.UNAUTHORIZED,
                "unauthorized", "Missing or invalid credentials");
        challenges.forEach(challenge -> response.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return response.build();
    }

    /** 403 for a known principal that may not pass; {@code error} is the event error of the refusal. */
    public static Response forbidden(String error) {
        String description = switch (error) {
            case Errors.NOT_ALLOWED -> "API access is not granted to this user";
            case SchemeRegistry.SCHEME_DISABLED -> "This authentication scheme is switched off in this realm";
            case Errors.RESOLVE_REQUIRED_ACTIONS -> "Account is not fully set up: sign in to finish the required actions";
            default -> "Access denied";
        };
        return json(Response.Status.FORBIDDEN, "forbidden", description).build();
    }

    public static Response badRequest(String description) {
        return json(Response.Status.BAD_REQUEST, "invalid_request", description).build();
    }

    /** A JSON error of any status, for the management endpoints. */
    public static Response error(int status, String error, String description) {
        return json(Response.Status.fromStatusCode(status), error, description).build();
    }

    /** A 400 about one setting: the JSON error with {@code "field"} naming the setting at fault (when known). */
    public static Response settingRefused(String field, String description) {
        java.util.Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("error", "invalid_request");
        body.put("error_description", description);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NO_STORE).entity(body).build();
    }

    /** The answer for a refused outcome, given the challenges to put on a 401. */
    public static Response refusal(Outcome.Refused refused, List<String> challenges) {
        return refused.refusal() == Outcome.Refusal.FORBIDDEN ? forbidden(refused.error()) : unauthorized(challenges);
    }

    private static Response.ResponseBuilder json(Response.Status status, String error, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(NO_STORE)
                .entity(new OAuth2ErrorRepresentation(error, description));
    }
}
