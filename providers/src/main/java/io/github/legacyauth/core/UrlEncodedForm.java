package io.github.legacyauth.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing: {@code +} is a space, every {@code %} is
 * followed by two hex digits, and the decoded bytes are UTF-8. Anything else is malformed (where the
 * server's own form reader would fail with 500).
 */
public final class UrlEncodedForm {

    /** More fields than any login form has. */
    static final int MAX_FIELDS = 64;

    private UrlEncodedForm() {
    }

    /** The fields in order; a name may occur more than once. */
    public static List<Map.Entry<String, String>> parse(byte[] body) throws MalformedCredentialException {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    if (fields.size() == MAX_FIELDS) {
                        throw new MalformedCredentialException("too many form fields");
                    }
                    int equals = start;
                    while (equals < i && body[equals] != '=') {
                        equals++;
                    }
                    String name = decode(body, start, equals);
                    String value = equals < i ? decode(body, equals + 1, i) : "";
                    fields.add(Map.entry(name, value));
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static String decode(byte[] body, int from, int to) throws MalformedCredentialException {
        byte[] bytes = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes[length++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedCredentialException("truncated percent-encoding in a form");
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new MalformedCredentialException("bad percent-encoding in a form");
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else {
                bytes[length++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCredentialException("a form field is not UTF-8");
        }
    }
}
