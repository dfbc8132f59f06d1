package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuedSecretTest {

    private static final IssuedSecret FORMAT = new IssuedSecret("ltp_");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.";

    @Test
    void aMintedSecretNamesItsSession() throws Exception {
        IssuedSecret.Minted minted = FORMAT.mint();

        assertThat(minted.text()).hasSize(FORMAT.length()).matches("ltp_[0-9a-f]{32}[0-9A-Za-z]{28}");
        assertThat(UUID.fromString(minted.sessionId()).toString()).isEqualTo(minted.sessionId());
        assertThat(FORMAT.sessionIdOf(minted.text())).isEqualTo(minted.sessionId());
    }

    @Test
    void secretsAndSessionIdsDoNotRepeat() {
        Set<String> texts = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            IssuedSecret.Minted minted = FORMAT.mint();
            texts.add(minted.text());
            ids.add(minted.sessionId());
        }
        assertThat(texts).hasSize(10_000);
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String text = FORMAT.mint().text();
        for (int position = 0; position < text.length(); position++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == text.charAt(position)) {
                    continue;
                }
                String changed = text.substring(0, position) + c + text.substring(position + 1);
                assertThatThrownBy(() -> FORMAT.sessionIdOf(changed)).as(changed)
                        .isInstanceOf(MalformedCredentialException.class);
            }
        }
    }

    @Test
    void anotherKindsSecretIsRefused() {
        String cookie = new IssuedSecret("lsc_").mint().text();
        assertThatThrownBy(() -> FORMAT.sessionIdOf(cookie)).isInstanceOf(MalformedCredentialException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcd", "ltp_", "ltp_0123456789abcdef0123456789abcdef", "ltp_ü123456789abcdef0123456789abcdef0123456789012345678901234567"})
    void malformedTextsAreRefused(String text) {
        assertThatThrownBy(() -> FORMAT.sessionIdOf(text)).isInstanceOf(MalformedCredentialException.class)
                .hasMessageNotContaining(text.isEmpty() ? "\u0000" : text);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> FORMAT.sessionIdOf(null)).isInstanceOf(MalformedCredentialException.class);
    }
}
