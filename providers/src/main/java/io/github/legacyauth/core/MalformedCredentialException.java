package io.github.legacyauth.core;

/**
 * A credential that cannot be read. The message is a fixed description chosen by the parser; it never
 * contains any part of the input, so it is safe to log.
 */
public final class MalformedCredentialException extends Exception {

    /** Event error for a credential that cannot be read. */
    public static final String EVENT_ERROR = "malformed_credential";

    public MalformedCredentialException(String reason) {
        super(reason, null, false, false);
    }
}
