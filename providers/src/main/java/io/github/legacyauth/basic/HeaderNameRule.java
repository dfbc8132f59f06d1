package io.github.legacyauth.basic;

import java.util.List;
import java.util.Locale;

/**
 * Which names the custom credential header may take: an RFC 9110 token, and none that already means
 * something to HTTP, to gateways or to this extension (those could be forged or would clash).
 */
final class HeaderNameRule {

    static final int MAX_LENGTH = 64;

    private static final List<String> RESERVED = List.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "host", "connection", "transfer-encoding", "te", "upgrade", "x-csrftoken");
    private static final List<String> RESERVED_PREFIXES = List.of("content-", "x-auth-", "x-forwarded-",
            "x-original-", "x-real-", "forwarded", "sec-");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderNameRule() {
    }

    /** Why the name cannot be used, or null when it can. */
    static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "The custom header name must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "The custom header name must be at most " + MAX_LENGTH + " characters";
        }
        if (!name.chars().allMatch(HeaderNameRule::isTokenChar)) {
            return "The custom header name may contain only letters, digits and " + TOKEN_SYMBOLS;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
            return "The custom header name '" + name + "' is reserved; choose another, such as X-API-Auth";
        }
        return null;
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }
}
