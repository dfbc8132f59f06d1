package io.github.legacyauth.core;

/**
 * A credential that cannot be read. The message is a fixed description chosen by the parser; it never
 * contains any part of the input, so it is safe to log.
 */
public final class MalformedCredentialException extends Exception {

    /** Event error for a credential that cannot be read. */
    public static final String EVENT_ERROR = "malformed_credential";

    private final boolean tooLarge;

    public MalformedCredentialException(String reason) {
        this(reason, false);
    }

    private MalformedCredentialException(String reason, boolean tooLarge) {
        super(reason, null, false, false);
        this.tooLarge = tooLarge;
    }

    /** A body past the extension's cap: answered 413, not 400. */
    public static MalformedCredentialException tooLarge(String reason) {
        return new MalformedCredentialException(reason, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
