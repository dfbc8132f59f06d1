package io.github.legacyauth.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The custom header's name: only an RFC 9110 token of at most 64 characters that names no reserved header. */
class HeaderNameRulePropertyTest {

    @Property(tries = 3000)
    void aNameIsAcceptedOnlyWhenItIsAShortTokenOutsideTheReservedNames(@ForAll("names") String name) {
        String problem = HeaderNameRule.problemWith(name);
        boolean token = !name.isEmpty() && name.length() <= HeaderNameRule.MAX_LENGTH
                && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0));
        String lower = name.toLowerCase(Locale.ROOT);
        boolean reserved = lower.equals("authorization") || lower.equals("cookie") || lower.startsWith("x-auth-")
                || lower.startsWith("x-forwarded-") || lower.startsWith("content-");

        if (problem == null) {
            assertThat(token).as(name).isTrue();
            assertThat(reserved).as(name).isFalse();
        }
        if (!token || reserved) {
            assertThat(problem).as(name).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withCharRange('A', 'z').withChars("-_ :\r\n").ofMaxLength(70),
                Arbitraries.of("Authorization", "COOKIE", "X-Auth-Roles", "x-forwarded-for", "Content-Type", "X-API-Auth"));
    }
}
