package io.github.legacyauth.session;

import java.security.SecureRandom;

import io.github.legacyauth.core.SecretText;

/** The {@code csrftoken} cookie's value: 32 base62 characters, as Django's. */
final class CsrfToken {

    static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    static String mint() {
        return SecretText.randomBase62(RANDOM, LENGTH);
    }

    static boolean isWellFormed(String token) {
        if (token == null || token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = token.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }
}
