package io.github.legacyauth.tokenpair;

import java.util.regex.Pattern;

/** The {@code uri} of a new token pair. */
final class TokenUri {

    private static final Pattern SAFE_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]{1,64}){1,8}");

    private TokenUri() {
    }

    /**
     * The token's address: behind a gateway that maps {@code /api/tokens} here and says so with
     * {@code X-Forwarded-Prefix: /api}, {@code /api/tokens/<token>} (Tuleap's own answer); otherwise the
     * path this request came to, plus the token. A prefix that is not a plain path is ignored, so the
     * answer never repeats arbitrary input.
     */
    static String of(String requestPath, String forwardedPrefix, String token) {
        if (forwardedPrefix != null && SAFE_PREFIX.matcher(forwardedPrefix).matches()) {
            return forwardedPrefix + "/tokens/" + token;
        }
        String path = requestPath;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + "/" + token;
    }
}
