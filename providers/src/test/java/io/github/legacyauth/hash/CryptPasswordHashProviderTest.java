package io.github.legacyauth.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * sha512-crypt and sha256-crypt: the vectors of Ulrich Drepper's specification ({@code Hello world!} /
 * {@code saltstring}); md5-crypt and the rest: strings made with glibc's {@code crypt(3)}.
 */
class CryptPasswordHashProviderTest {

    final CryptPasswordHashProvider crypt = new CryptPasswordHashProvider();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
            "Hello world!|$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
            "password|$1$saltstri$qQY4WxjABChYG1ccLpfkz/",
            "tuleap-pässword|$6$rounds=5000$tuleapsalt$EuU3VFN2Aa4FDaLXkP5Oy1aFBpqgAUNU55rGsADh/choA7A.adjFF9XA6FEFSRxrqQG13NPCL4/fzAsxXir7V.",
            "tuleap-old-1|$1$tlpsalt1$P7cMMOPv3LifHGMqiBjm61",
    })
    void vectors(String password, String stored) {
        assertThat(crypt.verify(password, imported(stored))).isTrue();
        assertThat(crypt.verify(password + "x", imported(stored))).isFalse();
    }

    @Test
    void desCryptAbsurdRoundsAndOtherStringsNeverVerify() {
        assertThat(crypt.verify("password", imported("saHW9GdxihkGQ"))).as("traditional DES crypt").isFalse();
        assertThat(crypt.verify("Hello world!", imported(
                "$6$rounds=999999999$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")))
                .isFalse();
        assertThat(crypt.verify("password", imported("$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"))).isFalse();
        assertThat(crypt.verify("password", imported(""))).isFalse();
        assertThat(crypt.verify("Hello world!", imported(
                "$6$rounds=1000001$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")))
                .as("past the 1,000,000 rounds bound").isFalse();
    }

    @Test
    void aCryptStringIsAlwaysDueForARehash() {
        PasswordCredentialModel encoded = crypt.encodedCredential("new-pässword", -1);

        assertThat(encoded.getPasswordSecretData().getValue()).startsWith("$6$");
        assertThat(crypt.verify("new-pässword", encoded)).isTrue();
        assertThat(crypt.policyCheck(PasswordPolicy.empty(), encoded)).isFalse();
    }

    static PasswordCredentialModel imported(String value) {
        return PasswordCredentialModel.createFromValues(CryptPasswordHashProvider.ID, new byte[0], -1, value);
    }
}
