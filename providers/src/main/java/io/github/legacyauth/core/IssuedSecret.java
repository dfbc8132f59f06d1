package io.github.legacyauth.core;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The text of a secret that names a Keycloak session we issued (a token pair's token, a session cookie):
 * {@code prefix}, the session id as 32 hex digits, 22 base62 characters from {@link SecureRandom}
 * (131 bits) and a 6-character CRC32 checksum. The session id lets the server find the session with one
 * lookup; only the SHA-256 of the whole text is stored, in a note of that session.
 */
public final class IssuedSecret {

    private static final int ID_LENGTH = 32;
    private static final int SECRET_LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;

    public IssuedSecret(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh session id and the secret text that names it. */
    public record Minted(String sessionId, String text) {
    }

    public Minted mint() {
        UUID id = new UUID(RANDOM.nextLong(), RANDOM.nextLong());
        String hex = id.toString().replace("-", "");
        String body = prefix + hex + SecretText.randomBase62(RANDOM, SECRET_LENGTH);
        return new Minted(id.toString(), body + SecretText.checksum(body));
    }

    public int length() {
        return prefix.length() + ID_LENGTH + SECRET_LENGTH + SecretText.CHECKSUM_LENGTH;
    }

    /** The session id a well-formed secret names; the checksum must hold. */
    public String sessionIdOf(String text) throws MalformedCredentialException {
        if (text == null || text.length() != length() || !text.startsWith(prefix)) {
            throw new MalformedCredentialException("not an issued secret of this kind");
        }
        String hex = text.substring(prefix.length(), prefix.length() + ID_LENGTH);
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new MalformedCredentialException("session id is not hexadecimal");
            }
        }
        for (int i = prefix.length() + ID_LENGTH; i < text.length(); i++) {
            if (!Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) > 'z') {
                throw new MalformedCredentialException("secret is not base62");
            }
        }
        int bodyLength = text.length() - SecretText.CHECKSUM_LENGTH;
        if (!SecretText.checksum(text.substring(0, bodyLength)).equals(text.substring(bodyLength))) {
            throw new MalformedCredentialException("checksum mismatch");
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
