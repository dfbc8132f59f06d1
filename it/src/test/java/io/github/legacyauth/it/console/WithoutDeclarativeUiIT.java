package io.github.legacyauth.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.util.JsonSerialization;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakDistribution;

/**
 * A server built without any experimental feature (no {@code declarative-ui}): the settings are still
 * imported with a realm, read and saved through the extension's settings endpoint (its admin-console page),
 * and every request sees them.
 */
class WithoutDeclarativeUiIT {

    @Test
    void theSettingsWorkWithoutExperimentalFeatures() throws Exception {
        Path home = Path.of("target", "plain-keycloak").toAbsolutePath();
        KeycloakDistribution server = KeycloakDistribution.freshCopy(home)
                .buildWithoutExperimentalFeatures(home.resolveSibling("plain-keycloak-build.log"));
        server.start(0, home.resolveSibling("plain-keycloak-server.log"), Map.of(), "--cache=local");
        try (Keycloak admin = Keycloak.getInstance(server.baseUrl(), "master", KeycloakDistribution.ADMIN_USER,
                KeycloakDistribution.ADMIN_PASSWORD, "admin-cli")) {
            assertThat(admin.serverInfo().getInfo().getFeatures())
                    .anySatisfy(feature -> {
                        assertThat(feature.getName()).isEqualTo("DECLARATIVE_UI");
                        assertThat(feature.isEnabled()).isFalse();
                    });
            try (InputStream json = getClass().getClassLoader().getResourceAsStream("realms/attack-it.json")) {
                admin.realms().create(JsonSerialization.readValue(json, RealmRepresentation.class));
            }
            String settings = server.baseUrl() + "/admin/realms/attack-it/legacy-auth/settings";
            String token = admin.tokenManager().getAccessTokenString();
            String verify = server.baseUrl() + "/realms/attack-it/legacy-auth/verify";
            String credential = Http.b64("erin:erin-Attack-1");

            HttpResponse<String> read = Http.get(settings, "Authorization", "Bearer " + token);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(read.body()).get("settings").get("headerName").asText())
                    .isEqualTo("X-API-Auth");
            assertThat(Http.get(verify, "X-API-Auth", credential).statusCode()).isEqualTo(200);

            HttpResponse<String> saved = Http.send(Http.request(settings).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"headerName\":\"X-Plain-Auth\"}}")));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(Http.get(verify, "X-Plain-Auth", credential).statusCode()).isEqualTo(200);
            assertThat(Http.get(verify, "X-API-Auth", credential).statusCode()).isEqualTo(401);
            HttpResponse<String> refused = Http.send(Http.request(settings).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"headerName\":\"Cookie\"}}")));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"headerName\"");
        } finally {
            server.stop();
        }
    }
}
