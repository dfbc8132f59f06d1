package io.github.legacyauth.core;

import java.util.function.Supplier;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * One answer on every method and every deeper path: what a sub-resource locator returns when the request
 * is settled before any resource method could run, an unreadable request's 400 or 413
 * ({@link UnreadableRequest}) or the 503 of {@link Unavailable}.
 */
public final class FixedAnswer {

    private final Supplier<Response> answer;

    FixedAnswer(Supplier<Response> answer) {
        this.answer = answer;
    }

    @GET
    public Response get() {
        return answer.get();
    }

    @HEAD
    public Response head() {
        return answer.get();
    }

    @POST
    public Response post() {
        return answer.get();
    }

    @PUT
    public Response put() {
        return answer.get();
    }

    @PATCH
    public Response patch() {
        return answer.get();
    }

    @DELETE
    public Response delete() {
        return answer.get();
    }

    @OPTIONS
    public Response options() {
        return answer.get();
    }

    /** Any deeper path gets the same answer. */
    @Path("{rest:.+}")
    public FixedAnswer deeper() {
        return this;
    }
}
