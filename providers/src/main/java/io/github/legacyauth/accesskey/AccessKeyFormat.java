package io.github.legacyauth.accesskey;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.SecretText;

/**
 * The text of a personal access key:
 *
 * <pre>
 *   lak_ LOCATOR _ KEYID SECRET CHECKSUM
 *   lak_u3n1ybx4t9wkd1f6l2ze8y7d4q_4fGh7KqZ9xW2mNpRt5vB8cDe1fGh3jK5lM7n2Qw9Zx
 * </pre>
 *
 * <ul>
 *   <li>{@code lak_}: a fixed prefix, so secret scanners and people recognise a key;</li>
 *   <li>LOCATOR: the owner's user id, base36 ({@code u} + 25 chars for a UUID, {@code x} + the UTF-8
 *       bytes otherwise), so verification finds the owner with one user-cache lookup, never a scan;</li>
 *   <li>KEYID: 8 base62 chars naming the key among the owner's keys;</li>
 *   <li>SECRET: 22 base62 chars from {@link SecureRandom} (131 bits);</li>
 *   <li>CHECKSUM: CRC32 of everything before it, 6 base62 chars, so a mistyped or truncated key is
 *       refused before any lookup and a leaked one can be told from random text.</li>
 * </ul>
 * Regular expression for scanners: {@code lak_[ux][0-9a-z]{1,400}_[0-9A-Za-z]{36}}.
 */
public final class AccessKeyFormat {

    public static final String PREFIX = "lak_";
    static final int KEY_ID_LENGTH = 8;
    static final int SECRET_LENGTH = 22;
    static final int CHECKSUM_LENGTH = SecretText.CHECKSUM_LENGTH;
    /** Longest key accepted: room for a user id of 255 UTF-8 bytes. */
    static final int MAX_LENGTH = 512;

    private static final Pattern TAIL = Pattern.compile("[0-9A-Za-z]{" + (KEY_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH) + "}");
    private static final Pattern BASE36 = Pattern.compile("[0-9a-z]+");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int UUID_BASE36_LENGTH = 25;

    private AccessKeyFormat() {
    }

    /** The parts of a key. {@code toString} never shows the secret. */
    public record AccessKey(String userId, String keyId, String secret) {

        @Override
        public String toString() {
            return "AccessKey[userId=" + userId + ", keyId=" + keyId + ", secret=***]";
        }
    }

    /** A new key for the user: fresh key id and secret. */
    public static AccessKey generate(String userId, SecureRandom random) {
        return new AccessKey(userId, SecretText.randomBase62(random, KEY_ID_LENGTH), SecretText.randomBase62(random, SECRET_LENGTH));
    }

    public static String format(AccessKey key) {
        String body = PREFIX + locator(key.userId()) + "_" + key.keyId() + key.secret();
        return body + SecretText.checksum(body);
    }

    /** True when the text claims to be an access key (it may still be malformed). */
    public static boolean looksLikeKey(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    public static AccessKey parse(String text) throws MalformedCredentialException {
        if (!looksLikeKey(text)) {
            throw new MalformedCredentialException("not an access key");
        }
        if (text.length() > MAX_LENGTH) {
            throw new MalformedCredentialException("access key too long");
        }
        int separator = text.indexOf('_', PREFIX.length());
        if (separator < 0) {
            throw new MalformedCredentialException("access key without locator");
        }
        String tail = text.substring(separator + 1);
        if (!TAIL.matcher(tail).matches()) {
            throw new MalformedCredentialException("access key of the wrong shape");
        }
        int checksumStart = text.length() - CHECKSUM_LENGTH;
        if (!SecretText.checksum(text.substring(0, checksumStart)).equals(text.substring(checksumStart))) {
            throw new MalformedCredentialException("access key checksum mismatch");
        }
        String userId = userId(text.substring(PREFIX.length(), separator));
        return new AccessKey(userId, tail.substring(0, KEY_ID_LENGTH),
                tail.substring(KEY_ID_LENGTH, KEY_ID_LENGTH + SECRET_LENGTH));
    }

    static String locator(String userId) {
        if (CANONICAL_UUID.matcher(userId).matches()) {
            UUID uuid = UUID.fromString(userId);
            BigInteger value = new BigInteger(1, toBytes(uuid));
            return "u" + leftPad(value.toString(36), UUID_BASE36_LENGTH);
        }
        byte[] bytes = userId.getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[bytes.length + 1];
        marked[0] = 1; // keeps leading zero bytes
        System.arraycopy(bytes, 0, marked, 1, bytes.length);
        return "x" + new BigInteger(1, marked).toString(36);
    }

    private static String userId(String locator) throws MalformedCredentialException {
        if (locator.length() < 2 || !BASE36.matcher(locator.substring(1)).matches()) {
            throw new MalformedCredentialException("access key with a bad locator");
        }
        BigInteger value = new BigInteger(locator.substring(1), 36);
        if (locator.charAt(0) == 'u' && locator.length() == UUID_BASE36_LENGTH + 1 && value.bitLength() <= 128) {
            return new UUID(value.shiftRight(64).longValue(), value.longValue()).toString();
        }
        if (locator.charAt(0) == 'x') {
            byte[] marked = value.toByteArray();
            int start = marked[0] == 0 ? 1 : 0; // BigInteger's sign byte
            if (marked.length > start && marked[start] == 1) {
                return new String(marked, start + 1, marked.length - start - 1, StandardCharsets.UTF_8);
            }
        }
        throw new MalformedCredentialException("access key with a bad locator");
    }


    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static String leftPad(String value, int length) {
        return "0".repeat(Math.max(0, length - value.length())) + value;
    }
}
