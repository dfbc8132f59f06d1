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
        byte[] stored;
        try {
            stored = Base64.getUrlDecoder().decode(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret), stored);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
