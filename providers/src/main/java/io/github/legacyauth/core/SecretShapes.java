package io.github.legacyauth.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises text that has the shape of a secret: the prefixes of every secret the extension mints
 * (access keys, application tokens, token pairs, session cookies), Tuleap's key prefix, a JWT, or a long
 * run of token characters in mixed case with digits (which no Keycloak username is) or of hexadecimal
 * digits. Clients put secrets in the wrong field (a key sent as the username with
 * {@code curl -u "$KEY:"}); such a value never reaches a log line, an event or a stored record.
 */
public final class SecretShapes {

    /** What a secret-shaped value is replaced with in events. */
    public static final String REDACTED = "[redacted]";

    private static final List<String> PREFIXES = List.of("lak_", "lat_", "ltp_", "lsc_", "tlp.k1.");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\..*");
    /** 32 or more token characters in mixed case with a digit: Keycloak keeps usernames in lower case. */
    private static final Pattern OPAQUE_TOKEN = Pattern.compile("(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9_.~+/=-]{32,}");
    /** 32 or more hexadecimal digits: a hash or a token (Kanboard's are 60). */
    private static final Pattern HEX_TOKEN = Pattern.compile("(?=.*[0-9])[0-9a-fA-F]{32,}");

    private SecretShapes() {
    }

    public static boolean looksLikeSecret(String value) {
        if (value == null) {
            return false;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        String trimmed = value.trim();
        return JWT.matcher(trimmed).matches() || OPAQUE_TOKEN.matcher(trimmed).matches()
                || HEX_TOKEN.matcher(trimmed).matches();
    }

    /** The value itself, or {@link #REDACTED} when it has the shape of a secret. */
    public static String redacted(String value) {
        return looksLikeSecret(value) ? REDACTED : value;
    }
}
