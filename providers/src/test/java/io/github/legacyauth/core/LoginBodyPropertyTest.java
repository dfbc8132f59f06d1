package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of the JSON login body of /tokens and /auth/login. */
class LoginBodyPropertyTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Property
    void anyUsableCredentialRoundTripsThroughJson(@ForAll @StringLength(min = 1, max = 255) String username,
                                                  @ForAll @StringLength(min = 1, max = 300) String password) throws Exception {
        Assume.that(username.codePoints().noneMatch(Character::isISOControl));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);

        LoginBody parsed = LoginBody.parse(JSON.writeValueAsBytes(body));

        assertThat(parsed.username()).isEqualTo(username);
        assertThat(parsed.password()).isEqualTo(password);
        assertThat(parsed.toString()).doesNotContain(password.length() > 4 ? password : "\u0000");
    }

    @Property(tries = 3000)
    void anyBytesParseOrAreMalformedAndNothingElse(@ForAll("bodies") byte[] bytes) {
        try {
            LoginBody.parse(bytes);
        } catch (MalformedCredentialException expected) {
            // the one allowed failure
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\\\":,usernamepasswod 0123456789.-truefalsn\u00e9\ud83d\ude00")
                .ofMaxLength(120).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 40)
                .map(depth -> ("{\"username\":" + "[".repeat(depth) + "1" + "]".repeat(depth) + ",\"password\":\"x\"}")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> wrongTypes = Arbitraries.of("1", "true", "null", "{}", "[]", "\"x\"", "{\"a\":1}", "1.5e309")
                .tuple2().map(t -> ("{\"username\":" + t.get1() + ",\"password\":" + t.get2() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, jsonish, nested, wrongTypes);
    }
}
