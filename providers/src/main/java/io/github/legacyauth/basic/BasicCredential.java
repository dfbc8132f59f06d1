package io.github.legacyauth.basic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.legacyauth.core.MalformedCredentialException;

/**
 * A user-id and password as RFC 7617 encodes them: {@code base64(utf8(user ":" password))}. The split is
 * at the first colon, so passwords may contain colons. Neither part may contain a control character
 * (RFC 7617 section 2), the user-id may not be empty, and the bytes must be valid UTF-8.
 */
public record BasicCredential(String username, String password) {

    /** Longest user-id accepted; Keycloak's own limit on usernames and e-mails is lower. */
    static final int MAX_USERNAME_LENGTH = 255;

    private static final String SCHEME = "Basic";

    /** True when an {@code Authorization} value names the Basic scheme, whatever follows. */
    public static boolean isBasicAuthorization(String authorization) {
        return authorization != null && SCHEME.equalsIgnoreCase(schemeOf(authorization));
    }

    /** Reads {@code Basic <token68>} (scheme name case-insensitive, as RFC 7235 says). */
    public static BasicCredential fromAuthorization(String authorization) throws MalformedCredentialException {
        if (!isBasicAuthorization(authorization)) {
            throw new MalformedCredentialException("not the Basic scheme");
        }
        return decode(authorization.substring(SCHEME.length()));
    }

    private static String schemeOf(String authorization) {
        int space = authorization.indexOf(' ');
        return space < 0 ? authorization : authorization.substring(0, space);
    }

    /** Reads a bare {@code token68}, as Kanboard's custom header carries it. */
    public static BasicCredential decode(String token68) throws MalformedCredentialException {
        if (token68 == null || token68.isBlank()) {
            throw new MalformedCredentialException("empty credential");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token68.trim());
        } catch (IllegalArgumentException e) {
            throw new MalformedCredentialException("not Base64");
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCredentialException("not UTF-8");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new MalformedCredentialException("no colon between user-id and password");
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (username.isEmpty()) {
            throw new MalformedCredentialException("empty user-id");
        }
        if (username.length() > MAX_USERNAME_LENGTH) {
            throw new MalformedCredentialException("user-id too long");
        }
        if (hasControlCharacter(username) || hasControlCharacter(password)) {
            throw new MalformedCredentialException("control character in credential");
        }
        return new BasicCredential(username, password);
    }

    /** Encodes a credential as a client would; used by tests and examples. */
    public String encode() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "BasicCredential[username=" + username + ", password=***]";
    }
}
