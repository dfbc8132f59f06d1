package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A profile is validated again as soon as the user's attributes or the realm's profile configuration change. */
class ProfileVerdictsTest {

    private final ProfileVerdicts verdicts = new ProfileVerdicts();
    private final AtomicInteger validations = new AtomicInteger();

    private boolean incomplete(Map<String, List<String>> attributes, String profileConfig, boolean answer) {
        return verdicts.incomplete("realm", "erin", ProfileVerdicts.basis(attributes, profileConfig), () -> {
            validations.incrementAndGet();
            return answer;
        });
    }

    @Test
    void theSameBasisIsValidatedOnce() {
        Map<String, List<String>> attributes = Map.of("email", List.of("erin@example.test"));

        assertThat(incomplete(attributes, "v1", true)).isTrue();
        assertThat(incomplete(attributes, "v1", false)).as("remembered").isTrue();
        assertThat(validations).hasValue(1);
    }

    @Test
    void aChangedAttributeOrConfigurationIsValidatedAgain() {
        Map<String, List<String>> before = Map.of("email", List.of("erin@example.test"));
        Map<String, List<String>> after = Map.of("email", List.of("erin@example.test"), "department", List.of("accounts"));

        assertThat(incomplete(before, "v1", true)).isTrue();
        assertThat(incomplete(after, "v1", false)).isFalse();
        assertThat(incomplete(after, "v2", true)).isTrue();
        assertThat(validations).hasValue(3);
    }

    @Test
    void itStaysBounded() {
        for (int i = 0; i <= ProfileVerdicts.MAX_ENTRIES; i++) {
            verdicts.incomplete("realm", "user-" + i, 1, () -> false);
        }
        assertThat(verdicts.size()).isLessThanOrEqualTo(ProfileVerdicts.MAX_ENTRIES);
    }
}
