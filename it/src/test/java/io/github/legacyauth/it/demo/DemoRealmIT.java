package io.github.legacyauth.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Smoke;

/** The demo realm file and the curl lines the demo prints (and the README shows), run verbatim with curl. */
@ExtendWith(RealKeycloak.class)
@Smoke
class DemoRealmIT {

    static KeycloakServer server;

    @BeforeAll
    static void importDemoRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm(DemoExamples.demoFile("legacy-demo-realm.json"));
    }

    static Stream<Arguments> examples() {
        return DemoExamples.read(DemoExamples.demoFile("examples.txt")).examples().stream()
                .map(example -> Arguments.of(example.description(), example));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void curlLineAnswersAsPrinted(String description, DemoExamples.Example example) throws Exception {
        String command = example.curlAt(server.baseUrl()) + " -s -o /dev/null -w '%{http_code}'";
        Process curl = new ProcessBuilder(List.of("bash", "-c", command)).redirectErrorStream(true).start();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(status).as(command).isEqualTo(String.valueOf(example.expectedStatus()));
    }
}
