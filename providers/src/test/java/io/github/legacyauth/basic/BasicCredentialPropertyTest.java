package io.github.legacyauth.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import io.github.legacyauth.core.MalformedCredentialException;

/** Properties of RFC 7617 parsing (Authorization: Basic and Kanboard's bare Base64 header). */
class BasicCredentialPropertyTest {

    @Property
    void aUsableCredentialRoundTrips(@ForAll @StringLength(min = 1, max = 255) String username,
                                     @ForAll @StringLength(max = 300) String password) throws Exception {
        Assume.that(username.indexOf(':') < 0);
        Assume.that(username.codePoints().noneMatch(Character::isISOControl));
        Assume.that(password.codePoints().noneMatch(Character::isISOControl));
        Assume.that(wellFormed(username) && wellFormed(password));
        BasicCredential credential = new BasicCredential(username, password);

        assertThat(BasicCredential.decode(credential.encode())).isEqualTo(credential);
        assertThat(BasicCredential.fromAuthorization("Basic " + credential.encode())).isEqualTo(credential);
        assertThat(BasicCredential.fromAuthorization("basic  " + credential.encode())).isEqualTo(credential);
    }

    @Property
    void theFirstColonSplitsAndLaterOnesBelongToThePassword(@ForAll @StringLength(min = 1, max = 50) String username,
                                                            @ForAll @StringLength(max = 50) String rest) throws Exception {
        Assume.that(username.indexOf(':') < 0 && wellFormed(username) && wellFormed(rest));
        Assume.that((username + rest).codePoints().noneMatch(Character::isISOControl));
        String encoded = b64(username + ":" + rest + ":" + rest);

        assertThat(BasicCredential.decode(encoded).password()).isEqualTo(rest + ":" + rest);
    }

    @Property(tries = 3000)
    void anyHeaderParsesOrIsMalformedAndNothingElse(@ForAll("headers") String header) {
        try {
            BasicCredential.fromAuthorization(header);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
        try {
            BasicCredential.decode(header);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }

    @Property(tries = 2000)
    void aDecodedCredentialNeverCarriesAControlCharacter(@ForAll byte[] bytes) {
        try {
            BasicCredential credential = BasicCredential.decode(Base64.getEncoder().encodeToString(bytes));
            assertThat(credential.username()).isNotEmpty().doesNotContain(":");
            assertThat((credential.username() + credential.password()).codePoints().noneMatch(Character::isISOControl))
                    .isTrue();
        } catch (MalformedCredentialException expected) {
            // fine
        }
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> base64ish = Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=:- \t").ofMaxLength(80);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                base64ish, base64ish.map(s -> "Basic " + s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80).map(b -> "Basic " + Base64.getEncoder().encodeToString(b)),
                Arbitraries.strings().ofMaxLength(80).map(s -> "Basic " + b64(s)));
    }

    static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    static boolean wellFormed(String text) {
        return text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
