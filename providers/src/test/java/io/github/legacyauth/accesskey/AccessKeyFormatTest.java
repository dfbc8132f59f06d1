package io.github.legacyauth.accesskey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.legacyauth.accesskey.AccessKeyFormat.AccessKey;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.SecretHash;

class AccessKeyFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @ValueSource(strings = {"f2d71c57-40d4-47f7-aeb8-f0667ad6bcee", "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff", "alice", "f:3a9c:jürgen", "\u0000lead", "F2D71C57-40D4-47F7-AEB8-F0667AD6BCEE"})
    void roundTripsForAnyUserId(String userId) throws Exception {
        AccessKey key = AccessKeyFormat.generate(userId, RANDOM);
        String text = AccessKeyFormat.format(key);

        assertThat(text).startsWith("lak_").matches("lak_[ux][0-9a-z]{1,400}_[0-9A-Za-z]{36}");
        assertThat(AccessKeyFormat.parse(text)).isEqualTo(key);
    }

    @Test
    void uuidOwnersGiveShortKeys() {
        String text = AccessKeyFormat.format(AccessKeyFormat.generate(UUID.randomUUID().toString(), RANDOM));
        assertThat(text).hasSize(4 + 26 + 1 + 36);
    }

    @Test
    void secretsAreFreshAndLongEnough() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            AccessKey key = AccessKeyFormat.generate("u", RANDOM);
            assertThat(key.secret()).hasSize(22).matches("[0-9A-Za-z]+");
            secrets.add(key.secret());
        }
        assertThat(secrets).hasSize(1000);
        assertThat(22 * Math.log(62) / Math.log(2)).isGreaterThan(128);
    }

    @Test
    void everySingleCharacterChangeIsCaught() {
        String text = AccessKeyFormat.format(AccessKeyFormat.generate(UUID.randomUUID().toString(), RANDOM));
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        for (int i = 0; i < text.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == text.charAt(i)) {
                    continue;
                }
                String changed = text.substring(0, i) + c + text.substring(i + 1);
                assertThatThrownBy(() -> AccessKeyFormat.parse(changed)).as(changed)
                        .isInstanceOf(MalformedCredentialException.class);
            }
        }
    }

    @Test
    void truncatedAndExtendedKeysAreRefused() {
        String text = AccessKeyFormat.format(AccessKeyFormat.generate(UUID.randomUUID().toString(), RANDOM));
        for (int length = 0; length < text.length(); length++) {
            String truncated = text.substring(0, length);
            assertThatThrownBy(() -> AccessKeyFormat.parse(truncated)).isInstanceOf(MalformedCredentialException.class);
        }
        assertThatThrownBy(() -> AccessKeyFormat.parse(text + "A")).isInstanceOf(MalformedCredentialException.class);
        assertThatThrownBy(() -> AccessKeyFormat.parse("lak_x" + "1".repeat(600) + "_" + "A".repeat(36)))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lak_", "lak__", "lak_u_AAAA", "ghp_abc", "lak_!!_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void garbageIsRefused(String text) {
        assertThatThrownBy(() -> AccessKeyFormat.parse(text)).isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void toStringAndErrorsNeverShowTheSecret() {
        AccessKey key = AccessKeyFormat.generate("alice", RANDOM);
        assertThat(key.toString()).doesNotContain(key.secret());
        String text = AccessKeyFormat.format(key);
        String broken = text.substring(0, text.length() - 1) + (text.endsWith("A") ? "B" : "A");
        assertThatThrownBy(() -> AccessKeyFormat.parse(broken)).hasMessageNotContaining(key.secret());
    }

    @Test
    void hashMatchesOnlyTheSameSecret() {
        String hash = SecretHash.hash("secret-one");
        assertThat(SecretHash.matches("secret-one", hash)).isTrue();
        assertThat(SecretHash.matches("secret-two", hash)).isFalse();
        assertThat(SecretHash.matches("secret-one", "not base64 !")).isFalse();
        assertThat(hash).doesNotContain("secret");
    }
}
