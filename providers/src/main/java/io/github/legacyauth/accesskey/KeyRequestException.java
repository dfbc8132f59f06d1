package io.github.legacyauth.accesskey;

/** A key request refused with a status and a message for the person who sent it; never carries a secret. */
final class KeyRequestException extends Exception {

    private final int status;

    KeyRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** The refusal as the key endpoints answer it: 409 conflict, 404 not_found, else invalid_request. */
    jakarta.ws.rs.core.Response response() {
        String error = status == 409 ? "conflict" : status == 404 ? "not_found" : "invalid_request";
        return io.github.legacyauth.core.Challenge.error(status, error, getMessage());
    }
}
