package io.github.legacyauth.passwordcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class VerifiedPasswordCacheTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final VerifiedPasswordCache cache = new VerifiedPasswordCache(now::get);

    @Test
    void aRememberedPasswordIsVerifiedForThePeriodInForceOnly() {
        cache.remember("r", "u", "secret", "fp1");

        assertThat(cache.verified("r", "u", "secret", "fp1", 60)).isTrue();
        now.addAndGet(59_999);
        assertThat(cache.verified("r", "u", "secret", "fp1", 60)).isTrue();
        now.addAndGet(1);
        assertThat(cache.verified("r", "u", "secret", "fp1", 60)).isFalse();
        assertThat(cache.verified("r", "u", "secret", "fp1", 3600)).as("the period is now longer").isTrue();
        assertThat(cache.verified("r", "u", "secret", "fp1", 10)).as("an admin shortened the period").isFalse();
        assertThat(cache.verified("r", "u", "secret", "fp1", 0)).as("off").isFalse();
        now.addAndGet(PasswordCacheSettings.MAX_SECONDS * 1000L);
        assertThat(cache.verified("r", "u", "secret", "fp1", 3600)).isFalse();
        assertThat(cache.size()).as("past the longest period, dropped").isZero();
    }

    @Test
    void aPasswordThatIsNotValidUnicodeIsNeverCached() {
        cache.remember("r", "u", "Dave?Attack-1", "fp");

        assertThat(cache.verified("r", "u", "Dave\ud800Attack-1", "fp", 60)).isFalse();
        cache.remember("r", "u", "Dave\udfffAttack-1", "fp");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(VerifiedPasswordCache.cacheable("pässwörd-✓-😀")).isTrue();
        assertThat(VerifiedPasswordCache.cacheable("half \ud83d surrogate")).isFalse();
    }

    @Test
    void anotherPasswordUserRealmOrCredentialIsNotVerified() {
        cache.remember("r", "u", "secret", "fp1");

        assertThat(cache.verified("r", "u", "Secret", "fp1", 60)).isFalse();
        assertThat(cache.verified("r", "v", "secret", "fp1", 60)).isFalse();
        assertThat(cache.verified("q", "u", "secret", "fp1", 60)).isFalse();
        assertThat(cache.verified("r", "u", "secret", "fp2", 60)).as("the password was changed").isFalse();
        // no confusion between the parts of the key
        cache.remember("r", "u\0x", "y", "fp");
        assertThat(cache.verified("r", "u", "x\0y", "fp", 60)).isFalse();
    }

    @Test
    void nothingIsRememberedWithoutACredential() {
        cache.remember("r", "u", "secret", "");
        cache.remember("r", "u", "secret", null);

        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < VerifiedPasswordCache.MAX_ENTRIES + 100; i++) {
            cache.remember("r", "user-" + i, "secret", "fp");
        }

        assertThat(cache.size()).isEqualTo(VerifiedPasswordCache.MAX_ENTRIES);
        assertThat(cache.verified("r", "user-0", "secret", "fp", 60)).as("least recently used, first out").isFalse();
        assertThat(cache.verified("r", "user-" + (VerifiedPasswordCache.MAX_ENTRIES + 99), "secret", "fp", 60)).isTrue();
    }

    @Test
    void theSettingIsClampedAndValidated() {
        assertThat(PasswordCacheSettings.seconds(null)).isZero();
        assertThat(PasswordCacheSettings.seconds("60")).isEqualTo(60);
        assertThat(PasswordCacheSettings.seconds("99999")).isEqualTo(PasswordCacheSettings.MAX_SECONDS);
        assertThat(PasswordCacheSettings.seconds("-5")).isZero();
        assertThat(PasswordCacheSettings.seconds("x")).isZero();
        assertThat(PasswordCacheSettings.problemWith("60")).isNull();
        assertThat(PasswordCacheSettings.problemWith("")).isNull();
        assertThat(PasswordCacheSettings.problemWith("-1")).isNotNull();
        assertThat(PasswordCacheSettings.problemWith("3601")).isNotNull();
        assertThat(PasswordCacheSettings.problemWith("ten")).isNotNull();
    }
}
