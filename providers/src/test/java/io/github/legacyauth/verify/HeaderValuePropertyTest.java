package io.github.legacyauth.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Identity header values: never a control character, always the UTF-8 bytes of the cleaned value. */
class HeaderValuePropertyTest {

    @Property(tries = 3000)
    void noStoredValueCanSplitOrBreakAHeader(@ForAll String value) {
        String header = HeaderValue.of(value);

        assertThat(header.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).isTrue();
        assertThat(header.chars().allMatch(c -> c < 256)).isTrue();
    }

    @Property(tries = 3000)
    void aValueWithoutControlCharactersComesBackFromItsBytes(@ForAll String value) {
        String cleaned = value.codePoints().anyMatch(Character::isISOControl) ? null : value;
        if (cleaned == null || !cleaned.equals(new String(cleaned.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
            return;
        }
        byte[] bytes = HeaderValue.of(cleaned).getBytes(StandardCharsets.ISO_8859_1);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(cleaned);
    }
}
