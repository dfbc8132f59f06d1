package io.github.legacyauth.core;

import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;

/** What a scheme made of a request. */
public sealed interface Outcome {

    /** The request carries no credential of this scheme. */
    record Absent() implements Outcome {
    }

    /**
     * A credential that proved who it stands for. {@code onPass} runs once it has passed every gate (the
     * user's standing, API access): what a use of the credential records, never recorded for a refusal.
     */
    record Authenticated(Principal principal, Runnable onPass) implements Outcome {

        public Authenticated {
            onPass = onPass == null ? () -> { } : onPass;
        }
    }

    /**
     * The credential was refused. {@code error} is the Keycloak event error; {@code user} is set when the
     * user is known (for the event), never shown to the client. {@code countsTowardsLockout} is true only
     * for a wrong password: a revoked key still used by an old script must not lock its owner out.
     */
    record Refused(Refusal refusal, String error, UserModel user, boolean countsTowardsLockout) implements Outcome {
    }

    /** 401: we do not know who you are. 403: we know you, and the answer is no. */
    enum Refusal { UNAUTHENTICATED, FORBIDDEN }

    static Outcome absent() {
        return new Absent();
    }

    static Outcome authenticated(Principal principal) {
        return new Authenticated(principal, null);
    }

    static Outcome authenticated(Principal principal, Runnable onPass) {
        return new Authenticated(principal, onPass);
    }

    static Outcome unauthenticated(String error, UserModel user) {
        return new Refused(Refusal.UNAUTHENTICATED, error, user, false);
    }

    static Outcome wrongPassword(UserModel user) {
        return new Refused(Refusal.UNAUTHENTICATED, Errors.INVALID_USER_CREDENTIALS, user, true);
    }

    static Outcome forbidden(String error, UserModel user) {
        return new Refused(Refusal.FORBIDDEN, error, user, false);
    }
}
