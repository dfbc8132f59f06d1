package io.github.legacyauth.core;

import org.keycloak.models.UserModel;

/** What a scheme made of a request. */
public sealed interface Outcome {

    /** The request carries no credential of this scheme. */
    record Absent() implements Outcome {
    }

    record Authenticated(Principal principal) implements Outcome {
    }

    /**
     * The credential was refused. {@code error} is the Keycloak event error; {@code user} is set when the
     * user is known (the event and the brute-force protector need it), never shown to the client.
     */
    record Refused(Refusal refusal, String error, UserModel user) implements Outcome {
    }

    /** 401: we do not know who you are. 403: we know you, and the answer is no. */
    enum Refusal { UNAUTHENTICATED, FORBIDDEN }

    static Outcome absent() {
        return new Absent();
    }

    static Outcome authenticated(Principal principal) {
        return new Authenticated(principal);
    }

    static Outcome unauthenticated(String error, UserModel user) {
        return new Refused(Refusal.UNAUTHENTICATED, error, user);
    }

    static Outcome forbidden(String error, UserModel user) {
        return new Refused(Refusal.FORBIDDEN, error, user);
    }
}
