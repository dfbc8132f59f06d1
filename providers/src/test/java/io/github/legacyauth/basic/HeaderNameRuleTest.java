package io.github.legacyauth.basic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNameRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-API-Auth", "X-Legacy-Credential", "Api_Auth", "x-kanboard-auth", "A"})
    void ordinaryNamesAreAccepted(String name) {
        assertThat(HeaderNameRule.problemWith(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "authorization", "Proxy-Authorization", "Cookie", "Host",
            "Content-Type", "X-Auth-Username", "X-Auth-AccessKey", "x-forwarded-user", "X-Original-Method",
            "X-CSRFToken", "Forwarded", "Sec-Fetch-Site"})
    void reservedNamesAreRefused(String name) {
        assertThat(HeaderNameRule.problemWith(name)).contains("reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X API Auth", "X-API-Auth:", "X-Äpi", "X-API\nAuth", "X(Auth)"})
    void nonTokensAreRefused(String name) {
        assertThat(HeaderNameRule.problemWith(name)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void overlongNamesAreRefused() {
        assertThat(HeaderNameRule.problemWith("X".repeat(HeaderNameRule.MAX_LENGTH))).isNull();
        assertThat(HeaderNameRule.problemWith("X".repeat(HeaderNameRule.MAX_LENGTH + 1))).contains("at most");
    }
}
