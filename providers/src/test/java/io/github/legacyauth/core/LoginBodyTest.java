package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginBodyTest {

    private static LoginBody read(String body) throws MalformedCredentialException {
        return LoginBody.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheSeedsBodies() throws Exception {
        assertThat(read("{\"username\":\"john_doe\", \"password\":\"weakpassword\"}"))
                .isEqualTo(new LoginBody("john_doe", "weakpassword"));
        assertThat(read("{ \"username\": \"<your-username>\", \"password\": \"<your-password>\"}"))
                .isEqualTo(new LoginBody("<your-username>", "<your-password>"));
    }

    @Test
    void ignoresOtherMembersAndKeepsUnicode() throws Exception {
        assertThat(read("{\"remember\":true,\"extra\":{\"a\":[1,2]},\"username\":\"j\\u00fcrgen\",\"password\":\"p:ä\"}"))
                .isEqualTo(new LoginBody("jürgen", "p:ä"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"x\"", "{}", "{\"username\":\"a\"}", "{\"password\":\"a\"}",
            "{\"username\":\"\",\"password\":\"a\"}", "{\"username\":\"a\",\"password\":null}",
            "{\"username\":[\"a\"],\"password\":\"b\"}", "{\"username\":\"a\",\"password\":\"b\",\"username\":\"c\"}",
            "{\"username\":\"a\",\"password\":\"b\"}{}", "{\"username\":\"a\",\"password\":\"b\"", "{'username':'a'}",
            "{\"username\":\"a\\u0007\",\"password\":\"b\"}", "{\"n\":[[[[[[[[[[1]]]]]]]]]],\"username\":\"a\",\"password\":\"b\"}"})
    void refusesWhatIsNotOneObjectWithBothStrings(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void refusesLargeBodiesAndLongFields() {
        assertThatThrownBy(() -> read("{\"username\":\"a\",\"password\":\"" + "x".repeat(LoginBody.MAX_BODY_BYTES) + "\"}"))
                .isInstanceOf(MalformedCredentialException.class);
        assertThatThrownBy(() -> read("{\"username\":\"" + "u".repeat(256) + "\",\"password\":\"b\"}"))
                .isInstanceOf(MalformedCredentialException.class);
    }

    @Test
    void neverShowsThePassword() throws Exception {
        assertThat(read("{\"username\":\"a\",\"password\":\"secret-value\"}").toString()).doesNotContain("secret-value");
    }
}
