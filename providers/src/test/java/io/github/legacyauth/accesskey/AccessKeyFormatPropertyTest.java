package io.github.legacyauth.accesskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import io.github.legacyauth.core.MalformedCredentialException;

/** Properties of the access-key format: round trips, only one kind of failure, the checksum. */
class AccessKeyFormatPropertyTest {

    @Property
    void aFormattedKeyParsesBackToItsParts(@ForAll("keys") AccessKeyFormat.AccessKey key) throws Exception {
        String text = AccessKeyFormat.format(key);

        assertThat(text).startsWith(AccessKeyFormat.PREFIX);
        assertThat(AccessKeyFormat.parse(text)).isEqualTo(key);
    }

    @Property
    void aUuidOwnerGivesAKeyTheScannerPatternMatches(@ForAll long high, @ForAll long low, @ForAll long seed) {
        String userId = new UUID(high, low).toString();
        String text = AccessKeyFormat.format(AccessKeyFormat.generate(userId, seeded(seed)));

        assertThat(text).matches("lak_u[0-9a-z]{25}_[0-9A-Za-z]{36}");
    }

    @Property
    void theChecksumCatchesEverySingleCharacterChange(@ForAll("keys") AccessKeyFormat.AccessKey key,
                                                      @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                      @ForAll @CharRange(from = ' ', to = '~') char replacement) {
        String text = AccessKeyFormat.format(key);
        int position = where % text.length();
        Assume.that(text.charAt(position) != replacement);
        String changed = text.substring(0, position) + replacement + text.substring(position + 1);

        assertThatThrownBy(() -> AccessKeyFormat.parse(changed)).isInstanceOf(MalformedCredentialException.class);
    }

    @Property
    void aTruncatedOrExtendedKeyIsRefused(@ForAll("keys") AccessKeyFormat.AccessKey key,
                                          @ForAll @IntRange(min = 1, max = 40) int cut,
                                          @ForAll @StringLength(min = 1, max = 5) String extra) {
        String text = AccessKeyFormat.format(key);
        String truncated = text.substring(0, Math.max(0, text.length() - cut));

        assertThatThrownBy(() -> AccessKeyFormat.parse(truncated)).isInstanceOf(MalformedCredentialException.class);
        assertThatThrownBy(() -> AccessKeyFormat.parse(text + extra)).isInstanceOf(MalformedCredentialException.class);
    }

    @Property(tries = 2000)
    void anyTextParsesOrIsMalformedAndNothingElse(@ForAll("hostile") String text) {
        try {
            AccessKeyFormat.parse(text);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }

    @Provide
    Arbitrary<AccessKeyFormat.AccessKey> keys() {
        Arbitrary<String> uuids = Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()).toString());
        // other user stores may use any id: up to 255 UTF-8 bytes
        Arbitrary<String> others = Arbitraries.strings().ofMinLength(1).ofMaxLength(60)
                .filter(id -> id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255)
                .filter(id -> id.equals(new String(id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8))); // well-formed Unicode, as stored ids are
        return Combinators.combine(Arbitraries.oneOf(uuids, others), Arbitraries.longs())
                .as((userId, seed) -> AccessKeyFormat.generate(userId, seeded(seed)));
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> keyLike = keys().map(AccessKeyFormat::format)
                .flatMap(key -> Arbitraries.integers().between(0, key.length())
                        .flatMap(cut -> Arbitraries.strings().ofMaxLength(8).map(tail -> key.substring(0, cut) + tail)));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(600),
                Arbitraries.strings().ofMaxLength(600).map(s -> AccessKeyFormat.PREFIX + s),
                Arbitraries.strings().withChars("_0123456789abcdefxuzXYZ").ofMaxLength(80).map(s -> AccessKeyFormat.PREFIX + s),
                keyLike);
    }

    static SecureRandom seeded(long seed) {
        // deterministic for a property run; the production code takes a real SecureRandom
        Random random = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }

            @Override
            public int nextInt(int bound) {
                return random.nextInt(bound);
            }
        };
    }
}
