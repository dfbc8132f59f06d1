package io.github.legacyauth.it.gateway;

import java.nio.file.Path;
import java.util.Map;

import io.github.legacyauth.it.harness.Caddy;
import io.github.legacyauth.it.harness.EchoBackend;
import io.github.legacyauth.it.harness.KeycloakServer;

/**
 * A real Caddy (Debian's 2.6) with {@code forward_auth} to {@code /verify}, configured by the documented
 * {@code docker/caddy/Caddyfile} as it is: the gateway contract ({@link ForwardAuthGatewayContract}).
 */
class CaddyGatewayIT extends ForwardAuthGatewayContract {

    Caddy caddy;

    @Override
    void startGateway(KeycloakServer server, EchoBackend backend) {
        caddy = Caddy.start(Path.of(System.getProperty("docker.dir"), "caddy/Caddyfile"),
                Map.of("KEYCLOAK_UPSTREAM", "127.0.0.1:" + server.port(),
                        "LEGACY_APP_UPSTREAM", backend.address(),
                        "LEGACY_REALM", REALM),
                Path.of("target/caddy"));
    }

    @Override
    String gatewayUrl() {
        return caddy.baseUrl();
    }

    @Override
    String gatewayLog() {
        return caddy.log();
    }

    @Override
    void stopGateway() throws Exception {
        if (caddy != null) {
            caddy.close();
        }
    }
}
