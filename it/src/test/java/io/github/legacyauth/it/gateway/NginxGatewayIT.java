package io.github.legacyauth.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.EchoBackend;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakDistribution;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.Nginx;

/**
 * A real nginx with {@code auth_request} to {@code /verify}, configured by the documented template in
 * {@code docker/nginx/templates/}: the gateway contract ({@link ForwardAuthGatewayContract}).
 */
class NginxGatewayIT extends ForwardAuthGatewayContract {

    Nginx nginx;

    @Override
    void startGateway(KeycloakServer server, EchoBackend backend) {
        nginx = Nginx.start(Path.of(System.getProperty("docker.dir"), "nginx/templates/legacy-api.conf.template"),
                Map.of("KEYCLOAK_UPSTREAM", "127.0.0.1:" + server.port(),
                        "LEGACY_APP_UPSTREAM", backend.address(),
                        "LEGACY_REALM", REALM),
                Path.of("target/nginx"));
    }

    /**
     * nginx's {@code auth_request} answers 500 for any answer of the check other than 2xx, 401 and 403;
     * the template turns that into 503 with {@code Retry-After}: here Keycloak cannot be reached at all
     * (as the extension's own 503, when the database cannot, meets the same rule).
     */
    @Test
    void anUnreachableKeycloakIs503WithRetryAfterNot500() throws Exception {
        EchoBackend backend = EchoBackend.start();
        try (Nginx unreachable = Nginx.start(Path.of(System.getProperty("docker.dir"),
                        "nginx/templates/legacy-api.conf.template"),
                Map.of("KEYCLOAK_UPSTREAM", "127.0.0.1:" + KeycloakDistribution.freePort(),
                        "LEGACY_APP_UPSTREAM", backend.address(),
                        "LEGACY_REALM", REALM),
                Path.of("target/nginx-unreachable"))) {
            HttpResponse<String> answer = Http.get(unreachable.baseUrl() + "/api/projects",
                    "Authorization", Http.basic("alice", "alice-password"));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(answer.body()).as("nginx's answer, not the application's echo").contains("temporarily_unavailable");
        } finally {
            backend.close();
        }
    }

    @Override
    String gatewayUrl() {
        return nginx.baseUrl();
    }

    @Override
    String gatewayLog() {
        return nginx.errorLog();
    }

    @Override
    void stopGateway() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }
}
