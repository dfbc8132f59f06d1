package io.github.legacyauth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.github.legacyauth.core.MalformedCredentialException;

/** Properties of the Cookie header parser and the CSRF token format. */
class SessionParsingPropertyTest {

    @Property
    void aCookieRoundTripsAmongOthers(@ForAll("tokens") String name, @ForAll("values") String value,
                                      @ForAll("tokens") String otherName, @ForAll("values") String otherValue) throws Exception {
        Assume.that(!name.equals(otherName));
        Cookies cookies = Cookies.parse(List.of(otherName + "=" + otherValue + "; " + name + "=" + value));

        assertThat(cookies.get(name)).isEqualTo(value);
        assertThat(cookies.get(otherName)).isEqualTo(otherValue);
    }

    @Property(tries = 3000)
    void anyCookieHeaderParsesOrIsMalformedAndNothingElse(@ForAll("headers") List<String> headers) {
        try {
            Cookies.parse(headers);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }

    @Example
    void aMintedCsrfTokenIsWellFormed() {
        for (int i = 0; i < 1000; i++) {
            String token = CsrfToken.mint();

            assertThat(CsrfToken.isWellFormed(token)).isTrue();
            assertThat(token).hasSize(CsrfToken.LENGTH).matches("[0-9A-Za-z]+");
        }
    }

    @Property(tries = 2000)
    void onlyThirtyTwoBase62CharactersAreAWellFormedCsrfToken(@ForAll("csrf") String candidate) {
        assertThat(CsrfToken.isWellFormed(candidate)).isEqualTo(candidate != null && candidate.matches("[0-9A-Za-z]{32}"));
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("_-").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40)
                .filter(v -> v.indexOf(';') < 0 && v.indexOf('"') < 0);
    }

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> header = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("sessionid=csrftoken;\" \t,abc").ofMaxLength(120),
                Arbitraries.strings().ofMinLength(8190).ofMaxLength(8200));
        return header.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> csrf() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withCharRange('0', 'z').ofMinLength(30).ofMaxLength(34),
                Arbitraries.just(null));
    }
}
