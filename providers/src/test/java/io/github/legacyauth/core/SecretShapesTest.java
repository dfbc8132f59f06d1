package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "lak_u5mkndok4u29rlc5mzx8lf3qeo_1RDL45xJUFPcf9f7rTrkAoTcZ29wAl4JCgEU",
            "LAK_something",
            "lat_0123456789abcdefABCDEF0123456789abcd",
            "ltp_0123", "lsc_0123",
            "tlp.k1.42.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
            "19ffd9709d03ce50675c3a43d1c49c1ac207f4bc45f06c5b2701fbdf8929"})
    void secretsAreRedacted(String value) {
        assertThat(SecretShapes.looksLikeSecret(value)).isTrue();
        assertThat(SecretShapes.redacted(value)).isEqualTo(SecretShapes.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@legacy-demo.test", "jürgen", "service-account-kanboard-app",
            "firstname.lastname.department.company.example", "Alice.Api@Example.COM", "a-very-long-username-0123456789-abcdef"})
    void usernamesAreKept(String value) {
        assertThat(SecretShapes.looksLikeSecret(value)).isFalse();
        assertThat(SecretShapes.redacted(value)).isEqualTo(value);
    }
}
