package io.github.legacyauth.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Published vectors: PHP's manual ({@code password_verify('rasmuslerdorf', …)}), jBCrypt's and OpenBSD's
 * test vectors, and vectors made with bcryptjs (a long and a non-ASCII password); each also under the
 * other prefixes, which the format defines as equal for passwords this short.
 */
class BcryptPasswordHashProviderTest {

    final BcryptPasswordHashProvider bcrypt = new BcryptPasswordHashProvider();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rasmuslerdorf|$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a",
            "''|$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.",
            "abc|$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
            "abcdefghijklmnopqrstuvwxyz|$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC",
            "pässwörd-✓|$2a$05$abcdefghijklmnopqrstuu.JJWRNfZM1focnGNrgCIEQYNh7U9A9a",
    })
    void publishedVectorsVerifyUnderEveryPrefix(String password, String hash) {
        for (String prefix : new String[] {"$2a$", "$2b$", "$2y$"}) {
            String variant = prefix + hash.substring(4);
            assertThat(bcrypt.verify(password, imported(variant))).as(variant).isTrue();
            assertThat(bcrypt.verify(password + "x", imported(variant))).as("wrong password").isFalse();
        }
    }

    @Test
    void onlyTheFirst72BytesCountAsInPhp() {
        String password = "correct horse battery staple ".repeat(3);
        String hash = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.5u.9nD2j.WS1uuZVb.feemJFzGw9SiK";

        assertThat(bcrypt.verify(password, imported(hash))).isTrue();
        assertThat(bcrypt.verify(password.substring(0, 72), imported(hash))).isTrue();
        assertThat(bcrypt.verify(password.substring(0, 71), imported(hash))).isFalse();
    }

    @Test
    void whatIsNotABcryptHashNeverVerifies() {
        assertThat(bcrypt.verify("abc", imported("$2x$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))).isFalse();
        assertThat(bcrypt.verify("abc", imported("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf"))).isFalse();
        assertThat(bcrypt.verify("abc", imported("$2a$99$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))).isFalse();
        assertThat(bcrypt.verify("abc", imported(""))).isFalse();
        assertThat(bcrypt.verify(null, imported("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"))).isFalse();
    }

    /** A cost past 15 (each step doubles the work; 31 would take days) never verifies, the right password neither. */
    @Test
    void aCostPastTheBoundNeverVerifies() {
        // bcryptjs, cost 16, of "cost-sixteen"
        assertThat(bcrypt.verify("cost-sixteen", imported("$2a$16$kPFNOUvVntoKuLpJiF1GKeOCHoGnxtkM9YYwKxzeoiuVoXU5IUoOG")))
                .isFalse();
    }

    @Test
    void anEncodedPasswordVerifiesAndStatesItsCost() {
        PasswordCredentialModel encoded = bcrypt.encodedCredential("s3cret-ö", 5);

        assertThat(encoded.getPasswordSecretData().getValue()).startsWith("$2y$05$").hasSize(60);
        assertThat(bcrypt.verify("s3cret-ö", encoded)).isTrue();
        assertThat(bcrypt.verify("s3cret-o", encoded)).isFalse();
        assertThat(bcrypt.credentialHashingStrength(encoded)).isEqualTo("5");
    }

    @Test
    void aHashAtAnotherCostThanTheRealmsIsDueForARehash() {
        PasswordCredentialModel php = imported("$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a");

        assertThat(bcrypt.policyCheck(PasswordPolicy.empty(), php)).as("bcrypt at the default cost 10").isTrue();
        assertThat(bcrypt.policyCheck(PasswordPolicy.empty(), bcrypt.encodedCredential("x", 4))).as("cost 4").isFalse();
    }

    /** The credential an import of the documented contract creates. */
    static PasswordCredentialModel imported(String hash) {
        return PasswordCredentialModel.createFromValues(BcryptPasswordHashProvider.ID, new byte[0], -1, hash);
    }
}
