package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class UrlEncodedFormTest {

    static List<Map.Entry<String, String>> parse(String body) throws MalformedCredentialException {
        return UrlEncodedForm.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsFieldsInOrderWithPlusAndPercentDecoded() throws Exception {
        assertThat(parse("username=alice&password=p%40ss+word%21&x&=v&&"))
                .containsExactly(Map.entry("username", "alice"), Map.entry("password", "p@ss word!"), Map.entry("x", ""),
                        Map.entry("", "v"));
        assertThat(parse("u=%C3%A9%e2%82%ac")).containsExactly(Map.entry("u", "é€"));
        assertThat(parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"username=%zz", "username=alice%", "username=alice%2", "password=%g1", "u=%C3%28", "u=%ff",
            "u=%c0%af", "u=%ED%A0%80", "%zz=x", "u=\u00e9"})
    void brokenEscapesAndBytesThatAreNotUtf8AreMalformed(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void moreFieldsThanAnyLoginFormAreMalformed() {
        assertThatThrownBy(() -> parse("a=1&".repeat(UrlEncodedForm.MAX_FIELDS + 1)))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Property
    void whatABrowserEncodesComesBack(@ForAll String name, @ForAll String value) throws Exception {
        String wellFormedName = new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String wellFormedValue = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String body = URLEncoder.encode(wellFormedName, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(wellFormedValue, StandardCharsets.UTF_8) + "&password=x";

        List<Map.Entry<String, String>> fields = UrlEncodedForm.parse(body.getBytes(StandardCharsets.US_ASCII));

        assertThat(fields.get(fields.size() - 1)).isEqualTo(Map.entry("password", "x"));
        if (!wellFormedName.isEmpty() || !wellFormedValue.isEmpty()) {
            assertThat(fields.get(0)).isEqualTo(Map.entry(wellFormedName, wellFormedValue));
        }
    }

    @Property(tries = 3000)
    void anyBytesParseOrAreMalformedAndNothingElse(@ForAll byte[] body) {
        try {
            UrlEncodedForm.parse(body);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }
}
