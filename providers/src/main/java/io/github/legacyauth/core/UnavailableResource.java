package io.github.legacyauth.core;

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
 * The 503 of {@link Unavailable} on every method and deeper path: what a sub-resource locator returns when
 * the database or the cluster failed it before a resource method could run.
 */
public final class UnavailableResource {

    UnavailableResource() {
    }

    @GET
    public Response get() {
        return Unavailable.answer();
    }

    @HEAD
    public Response head() {
        return Unavailable.answer();
    }

    @POST
    public Response post() {
        return Unavailable.answer();
    }

    @PUT
    public Response put() {
        return Unavailable.answer();
    }

    @PATCH
    public Response patch() {
        return Unavailable.answer();
    }

    @DELETE
    public Response delete() {
        return Unavailable.answer();
    }

    @OPTIONS
    public Response options() {
        return Unavailable.answer();
    }

    /** Any deeper path gets the same answer. */
    @Path("{rest:.+}")
    public UnavailableResource deeper() {
        return this;
    }
}
