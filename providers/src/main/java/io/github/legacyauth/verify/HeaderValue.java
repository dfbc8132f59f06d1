package io.github.legacyauth.verify;

import java.nio.charset.StandardCharsets;

/**
 * Identity header values as bytes a gateway passes on unchanged: the UTF-8 encoding of the value (the
 * HTTP layer writes each char below 256 as one byte), with control characters replaced by {@code ?}
 * so no stored name can split or break a header. The JSON body carries the exact values.
 */
final class HeaderValue {

    private HeaderValue() {
    }

    static String of(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(value.length());
        value.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return new String(safe.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
