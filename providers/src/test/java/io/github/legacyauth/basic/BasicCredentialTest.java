package io.github.legacyauth.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.legacyauth.core.MalformedCredentialException;

class BasicCredentialTest {

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice:secret          | alice          | secret",
            "alice:pa:ss:word      | alice          | pa:ss:word",
            "alice:                | alice          | ''",
            "alice@example.test:x  | alice@example.test | x",
            "jürgen:pässwörd-ß     | jürgen         | pässwörd-ß",
            "us er:with space      | us er          | with space"})
    void splitsAtTheFirstColon(String raw, String username, String password) throws Exception {
        BasicCredential credential = BasicCredential.decode(b64(raw));

        assertThat(credential.username()).isEqualTo(username);
        assertThat(credential.password()).isEqualTo(password);
    }

    @Test
    void roundTrips() throws Exception {
        BasicCredential credential = new BasicCredential("alice", "p:ä:ß");

        assertThat(BasicCredential.decode(credential.encode())).isEqualTo(credential);
        assertThat(BasicCredential.fromAuthorization("Basic " + credential.encode())).isEqualTo(credential);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic", "basic", "BASIC", "BaSiC"})
    void schemeNameIsCaseInsensitive(String scheme) throws Exception {
        assertThat(BasicCredential.isBasicAuthorization(scheme + " " + b64("a:b"))).isTrue();
        assertThat(BasicCredential.fromAuthorization(scheme + " " + b64("a:b")).username()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "Basicabc", "Digest username=x", "", "Basi c"})
    void otherSchemesAreNotBasic(String authorization) {
        assertThat(BasicCredential.isBasicAuthorization(authorization)).isFalse();
    }

    @Test
    void toleratesSurroundingWhitespaceAndMissingPadding() throws Exception {
        assertThat(BasicCredential.fromAuthorization("Basic   " + b64("ab:c") + "  ").password()).isEqualTo("c");
        assertThat(BasicCredential.decode("YWxpY2U6eA").password()).isEqualTo("x"); // "alice:x" unpadded
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "!!!", "YWxpY2U6eA=x", "YW xp", "YWxpY2U", "Og==", "OnNlY3JldA=="})
    void malformedTokensAreRefused(String token) {
        assertThatThrownBy(() -> BasicCredential.decode(token)).isInstanceOf(MalformedCredentialException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"al\u0000ice:x", "alice:x\u0000", "al\u0001ice:x", "alice:x\u001f", "alice:x\u007f",
            "alice:\u0085x", "ali\nce:x", "alice:x\r\n"})
    void controlCharactersAreRefused(String raw) {
        assertThatThrownBy(() -> BasicCredential.decode(b64(raw))).isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void invalidUtf8IsRefused() {
        String token = Base64.getEncoder().encodeToString(new byte[] {'a', (byte) 0xC3, 0x28, ':', 'x'});
        assertThatThrownBy(() -> BasicCredential.decode(token)).isInstanceOf(MalformedCredentialException.class);
        String latin1 = Base64.getEncoder().encodeToString("jürgen:x".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BasicCredential.decode(latin1)).isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void overlongUsernameIsRefused() throws Exception {
        String longest = "a".repeat(BasicCredential.MAX_USERNAME_LENGTH);
        assertThat(BasicCredential.decode(b64(longest + ":x")).username()).isEqualTo(longest);
        assertThatThrownBy(() -> BasicCredential.decode(b64(longest + "a:x")))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void errorMessagesAndToStringNeverCarryTheInput() {
        String secret = "Sup3rSecret";
        assertThatThrownBy(() -> BasicCredential.decode(b64(secret)))
                .hasMessageNotContaining(secret);
        assertThat(new BasicCredential("alice", secret).toString()).doesNotContain(secret).contains("alice");
    }
}
