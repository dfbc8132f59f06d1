package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/** Properties of the token-pair and session-cookie secrets. */
class IssuedSecretPropertyTest {

    static final IssuedSecret[] KINDS = {new IssuedSecret("ltp_"), new IssuedSecret("lsc_")};

    @Property
    void aMintedSecretNamesItsSession(@ForAll @IntRange(min = 0, max = 1) int kind) throws Exception {
        IssuedSecret.Minted minted = KINDS[kind].mint();

        assertThat(minted.text()).hasSize(KINDS[kind].length());
        assertThat(KINDS[kind].sessionIdOf(minted.text())).isEqualTo(minted.sessionId());
        assertThatThrownBy(() -> KINDS[1 - kind].sessionIdOf(minted.text()))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Property
    void theChecksumCatchesEverySingleCharacterChange(@ForAll @IntRange(min = 0, max = 1) int kind,
                                                      @ForAll @IntRange(min = 0, max = 1000) int where,
                                                      @ForAll @CharRange(from = ' ', to = '~') char replacement) {
        String text = KINDS[kind].mint().text();
        int position = where % text.length();
        Assume.that(text.charAt(position) != replacement);
        String changed = text.substring(0, position) + replacement + text.substring(position + 1);

        assertThatThrownBy(() -> KINDS[kind].sessionIdOf(changed)).isInstanceOf(MalformedCredentialException.class);
    }

    @Property(tries = 2000)
    void anyTextNamesASessionOrIsMalformedAndNothingElse(@ForAll("hostile") String text) {
        try {
            KINDS[0].sessionIdOf(text);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().ofLength(KINDS[0].length() - 4).map(s -> "ltp_" + s),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz").ofLength(KINDS[0].length() - 4)
                        .map(s -> "ltp_" + s));
    }
}
