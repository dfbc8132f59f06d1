package io.github.legacyauth.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderValueTest {

    /** What a backend decoding the header's bytes as UTF-8 reads. */
    private static String asBackendReadsIt(String headerValue) {
        return new String(headerValue.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "jürgen", "Жанна", "山田", "o'brien@example.test", "a,b:c"})
    void valuesRoundTripAsUtf8Bytes(String value) {
        String header = HeaderValue.of(value);

        assertThat(header.chars()).allMatch(c -> c < 256);
        assertThat(asBackendReadsIt(header)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\r\nX-Auth-Roles: admin", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"})
    void controlCharactersCannotSplitAHeader(String value) {
        String header = HeaderValue.of(value);

        assertThat(header.chars()).noneMatch(Character::isISOControl);
        assertThat(header).contains("?");
    }

    @org.junit.jupiter.api.Test
    void nullIsEmpty() {
        assertThat(HeaderValue.of(null)).isEmpty();
    }
}
