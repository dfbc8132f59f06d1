package io.github.legacyauth.core;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.Response;

import org.keycloak.util.JsonSerialization;

/**
 * The JSON body of a management request (create a key, an application token), read only after the
 * caller is authenticated and only up to {@value #MAX_BYTES} bytes: nobody can make the server parse a
 * large body, and nobody without a token can make it parse any.
 */
public final class JsonBody {

    /** The largest body any endpoint of the extension reads. */
    public static final int MAX_BYTES = 16 * 1024;

    private JsonBody() {
    }

    /** Why a body was refused, with the answer to give: 413 past the cap, 400 when it is not the JSON expected. */
    public static final class Refused extends Exception {
        private final transient Response response;

        Refused(Response response) {
            super(null, null, false, false);
            this.response = response;
        }

        public Response response() {
            return response;
        }
    }

    /** The body as {@code type}; an empty body gives null. */
    public static <T> T read(InputStream body, Class<T> type) throws Refused {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Refused(Challenge.badRequest("The request body cannot be read"));
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JsonSerialization.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new Refused(Challenge.badRequest("The request body is not the JSON object expected"));
        }
    }

    /** The 413 answer for a body past the cap. */
    public static Response tooLargeAnswer() {
        return tooLarge().response();
    }

    static Refused tooLarge() {
        return new Refused(Challenge.error(413, "request_too_large",
                "The request body is larger than " + MAX_BYTES + " bytes"));
    }
}
