package io.github.legacyauth.it.gateway;

import java.nio.file.Path;
import java.util.Map;

import io.github.legacyauth.it.harness.EchoBackend;
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
