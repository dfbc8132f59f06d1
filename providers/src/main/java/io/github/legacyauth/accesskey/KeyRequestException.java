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
}
