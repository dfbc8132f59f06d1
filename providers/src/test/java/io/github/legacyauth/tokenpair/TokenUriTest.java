package io.github.legacyauth.tokenpair;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenUriTest {

    static final String PATH = "/realms/r/legacy-auth/tokens";

    @Test
    void withoutAGatewayTheUriIsThePathOfTheRequest() {
        assertThat(TokenUri.of(PATH, null, "ltp_x")).isEqualTo(PATH + "/ltp_x");
        assertThat(TokenUri.of(PATH + "//", null, "ltp_x")).isEqualTo(PATH + "/ltp_x");
    }

    @Test
    void aGatewaysPrefixGivesTuleapsUri() {
        assertThat(TokenUri.of(PATH, "/api", "ltp_x")).isEqualTo("/api/tokens/ltp_x");
        assertThat(TokenUri.of(PATH, "/tuleap/api", "ltp_x")).isEqualTo("/tuleap/api/tokens/ltp_x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "api", "/api/", "//evil.example", "/a b", "/api?x=1", "/<script>", "/api\r\nX: y",
            "https://evil.example/api", "/%2e%2e"})
    void aPrefixThatIsNotAPlainPathIsIgnored(String prefix) {
        assertThat(TokenUri.of(PATH, prefix, "ltp_x")).isEqualTo(PATH + "/ltp_x");
    }
}
