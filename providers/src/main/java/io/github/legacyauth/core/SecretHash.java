package io.github.legacyauth.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 of a secret we minted (access keys, application tokens): the only form in which it is stored.
 * A slow password hash would buy nothing for 128+ random bits and would cap throughput; the comparison
 * takes constant time.
 */
public final class SecretHash {

    private SecretHash() {
    }

    public static String hash(String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(secret));
    }

    public static boolean matches(String secret, String storedHash) {
        return matchesDigest(digest(secret), storedHash);
    }

    /** SHA-256 of raw secret bytes (a legacy key that hashes its bytes, not their text), as stored. */
    public static String hash(byte[] secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(secret));
    }

    public static boolean matches(byte[] secret, String storedHash) {
        return matchesDigest(sha256(secret), storedHash);
    }

    private static boolean matchesDigest(byte[] digest, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        byte[] stored;
        try {
            stored = Base64.getUrlDecoder().decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest, stored);
    }

    private static byte[] digest(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
