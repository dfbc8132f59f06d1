package io.github.legacyauth.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Argon2 PHC strings: the reference implementation's own example (its README: {@code password} /
 * {@code somesalt}, argon2i) and Argon2id strings made with hash-wasm. Django: its own test vector
 * ({@code lètmein} / {@code seasalt}, 870000 rounds, from Django's test suite) and PBKDF2-SHA1 and
 * SHA-256 strings made with Python's {@code hashlib.pbkdf2_hmac}, which is what Django calls.
 */
class LegacyPhcAndDjangoHashesTest {

    final Argon2PhcPasswordHashProvider argon2 = new Argon2PhcPasswordHashProvider();
    final DjangoPbkdf2PasswordHashProvider django = new DjangoPbkdf2PasswordHashProvider();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "password|$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
            "password|$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU",
            "tuleap-pässword|$argon2id$v=19$m=4096,t=3,p=1$dHVsZWFwc2FsdHNhbHQxNg$sR+0Dz9FFRKeZkkm12TbNotuivBaOxSnIvZW4+53wAc",
    })
    void argon2PhcVectors(String password, String phc) {
        assertThat(argon2.verify(password, imported(Argon2PhcPasswordHashProvider.ID, phc))).isTrue();
        assertThat(argon2.verify(password + "x", imported(Argon2PhcPasswordHashProvider.ID, phc))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lètmein|pbkdf2_sha256$870000$seasalt$wJSpLMQRQz0Dhj/pFpbyjMj71B2gUYp6HJS5AU+32Ac=",
            "lètmein|pbkdf2_sha1$870000$seasalt$UiqYIlBUWaJY1625aFAwcLy17so=",
            "django-imported-1|pbkdf2_sha256$1000$seasalt$0nSPHvSlWaHUm6CBeWI4mSu92QuAk+SAL64yEVtSWck=",
    })
    void djangoVectors(String password, String encoded) {
        assertThat(django.verify(password, imported(DjangoPbkdf2PasswordHashProvider.ID, encoded))).isTrue();
        assertThat(django.verify(password + "x", imported(DjangoPbkdf2PasswordHashProvider.ID, encoded))).isFalse();
    }

    @Test
    void malformedOrAbusiveHashesNeverVerify() {
        // too much memory, too many passes, a salt too short, not a PHC string
        assertThat(argon2.verify("password", imported(Argon2PhcPasswordHashProvider.ID,
                "$argon2id$v=19$m=99999999,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU"))).isFalse();
        assertThat(argon2.verify("password", imported(Argon2PhcPasswordHashProvider.ID,
                "$argon2id$v=19$m=65536,t=9999,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU"))).isFalse();
        assertThat(argon2.verify("password", imported(Argon2PhcPasswordHashProvider.ID,
                "$argon2id$v=19$m=65536,t=2,p=4$c29t$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU"))).isFalse();
        assertThat(argon2.verify("password", imported(Argon2PhcPasswordHashProvider.ID, "$2y$10$whatever"))).isFalse();
        assertThat(django.verify("lètmein", imported(DjangoPbkdf2PasswordHashProvider.ID,
                "pbkdf2_sha256$99999999$seasalt$wJSpLMQRQz0Dhj/pFpbyjMj71B2gUYp6HJS5AU+32Ac="))).isFalse();
        assertThat(django.verify("lètmein", imported(DjangoPbkdf2PasswordHashProvider.ID,
                "pbkdf2_sha256$870000$seasalt$UiqYIlBUWaJY1625aFAwcLy17so="))).as("a SHA-1 length under sha256").isFalse();
        assertThat(django.verify("lètmein", imported(DjangoPbkdf2PasswordHashProvider.ID, "md5$seasalt$abc"))).isFalse();
    }

    /**
     * The bounds one login may cost: Argon2 memory of 1 GiB or more than 256 MiB (one check would take
     * the heap of a default server), more than 16 passes, more than 2,000,000 PBKDF2 iterations; and
     * anything past the server's memory budget for legacy hashes.
     */
    @Test
    void hashesAskingForMoreThanTheBoundsAreRefusedBeforeAnyWork() {
        for (String phc : new String[] {"$argon2id$v=19$m=1048576,t=1,p=1$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU",
                "$argon2id$v=19$m=262145,t=1,p=1$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU",
                "$argon2id$v=19$m=4096,t=17,p=1$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU"}) {
            assertThat(argon2.verify("password", imported(Argon2PhcPasswordHashProvider.ID, phc))).as(phc).isFalse();
        }
        assertThat(django.verify("lètmein", imported(DjangoPbkdf2PasswordHashProvider.ID,
                "pbkdf2_sha256$2000001$seasalt$wJSpLMQRQz0Dhj/pFpbyjMj71B2gUYp6HJS5AU+32Ac="))).isFalse();
        assertThat(HashBudget.check("test", HashBudget.MEMORY_KB + 1, () -> true)).as("more than the budget").isFalse();
        assertThat(HashBudget.check("test", 1024, () -> true)).isTrue();
    }

    @Test
    void encodedCredentialsVerifyAndImportedOnesAreDueForARehash() {
        PasswordCredentialModel a = argon2.encodedCredential("new-pässword", 2);
        assertThat(a.getPasswordSecretData().getValue()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(argon2.verify("new-pässword", a)).isTrue();
        assertThat(argon2.policyCheck(PasswordPolicy.empty(), a)).isTrue();
        assertThat(argon2.policyCheck(PasswordPolicy.empty(), imported(Argon2PhcPasswordHashProvider.ID,
                "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"))).isFalse();

        PasswordCredentialModel d = django.encodedCredential("new-pässword", 1000);
        assertThat(d.getPasswordSecretData().getValue()).startsWith("pbkdf2_sha256$1000$");
        assertThat(django.verify("new-pässword", d)).isTrue();
        assertThat(django.policyCheck(PasswordPolicy.empty(), d)).as("1000 rounds, not Django's 870000").isFalse();
    }

    static PasswordCredentialModel imported(String algorithm, String value) {
        return PasswordCredentialModel.createFromValues(algorithm, new byte[0], -1, value);
    }
}
