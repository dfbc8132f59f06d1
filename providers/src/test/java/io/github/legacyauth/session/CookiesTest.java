package io.github.legacyauth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.core.MalformedCredentialException;

class CookiesTest {

    @Test
    void readsTheSeedsCookieHeader() throws Exception {
        Cookies cookies = Cookies.parse(List.of("sessionid=tvmt1xp0c2ep33htukqm140fb4igkz4u; csrftoken=zydcEbNXQGJFxzLphKEO8Mg88VdEwi8c;"));
        assertThat(cookies.get("sessionid")).isEqualTo("tvmt1xp0c2ep33htukqm140fb4igkz4u");
        assertThat(cookies.get("csrftoken")).isEqualTo("zydcEbNXQGJFxzLphKEO8Mg88VdEwi8c");
        assertThat(cookies.get("other")).isNull();
    }

    @Test
    void joinsSeveralHeadersAndUnquotes() throws Exception {
        Cookies cookies = Cookies.parse(List.of("a=1", "sessionid=\"abc\"; flag", "b = 2 "));
        assertThat(cookies.get("sessionid")).isEqualTo("abc");
        assertThat(cookies.get("a")).isEqualTo("1");
        assertThat(cookies.get("b")).isEqualTo("2");
    }

    @Test
    void theSameValueTwiceIsFineTwoValuesAreAmbiguous() throws Exception {
        assertThat(Cookies.parse(List.of("sessionid=x; sessionid=x")).get("sessionid")).isEqualTo("x");
        assertThatThrownBy(() -> Cookies.parse(List.of("sessionid=x", "sessionid=y")))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void refusesHugeHeaders() {
        assertThatThrownBy(() -> Cookies.parse(List.of("sessionid=" + "a".repeat(9000))))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void csrfTokensAre32Base62Characters() {
        String token = CsrfToken.mint();
        assertThat(token).matches("[0-9A-Za-z]{32}");
        assertThat(CsrfToken.isWellFormed(token)).isTrue();
        assertThat(CsrfToken.isWellFormed(token.substring(1))).isFalse();
        assertThat(CsrfToken.isWellFormed(token.substring(1) + "-")).isFalse();
        assertThat(CsrfToken.isWellFormed(null)).isFalse();
        assertThat(CsrfToken.mint()).isNotEqualTo(token);
    }
}
