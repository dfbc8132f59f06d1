package io.github.legacyauth.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.legacyauth.it.harness.EchoBackend;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;

/**
 * What a forward-auth gateway in front of a legacy application must do, run through each documented
 * gateway configuration ({@link NginxGatewayIT}, {@link CaddyGatewayIT}) in front of an echo backend that
 * shows what the application receives: every scheme passes with the identity headers copied from
 * {@code /verify} and never the credential; forged identity and forwarding headers are dropped; mutating
 * methods need the CSRF token; a refusal is Keycloak's 401 with its challenge or 403, and the application
 * is not reached. The seeds' legacy paths ({@code /api/tokens}, {@code /a}, {@code /api/auth/...},
 * {@code /api/csrf}) are mapped onto the extension's endpoints, so the seeds' requests work with only the
 * host changed.
 */
@ExtendWith(RealKeycloak.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForwardAuthGatewayContract {

    static final String REALM = "legacy-demo";
    static final String PASSWORD = "alice-demo-password";
    static final String DEMO_KEY = "lak_u5mkndok4u29rlc5mzx8lf3qeo_1RDL45xJUFPcf9f7rTrkAoTcZ29wAl4JCgEU";
    static final String KANBOARD_APP_HEADER =
            "anNvbnJwYzoxOWZmZDk3MDlkMDNjZTUwNjc1YzNhNDNkMWM0OWMxYWMyMDdmNGJjNDVmMDZjNWIyNzAxZmJkZjg5Mjk=";
    static final ObjectMapper JSON = new ObjectMapper();

    EchoBackend backend;
    String gateway;

    /** Starts the gateway in front of Keycloak and the backend, with its documented configuration. */
    abstract void startGateway(KeycloakServer server, EchoBackend backend) throws Exception;

    abstract String gatewayUrl();

    /** The gateway's own log, shown when a request did not reach the application. */
    abstract String gatewayLog();

    abstract void stopGateway() throws Exception;

    @BeforeAll
    void start(KeycloakServer server) throws Exception {
        server.importRealm(Path.of(System.getProperty("demo.dir"), "legacy-demo-realm.json"));
        // the refusals below send wrong passwords for alice; a lockout (LoginLockoutIT's subject) would
        // refuse her other credentials too
        var realm = server.admin().realm(REALM).toRepresentation();
        realm.setBruteForceProtected(false);
        server.admin().realm(REALM).update(realm);
        backend = EchoBackend.start();
        startGateway(server, backend);
        gateway = gatewayUrl();
    }

    @AfterAll
    void stop() throws Exception {
        stopGateway();
        if (backend != null) {
            backend.close();
        }
    }

    // --- every scheme, through the gateway ----------------------------------------------------------

    @Test
    void httpBasicReachesTheApplicationWithTheIdentity() throws Exception {
        JsonNode seen = echoed(Http.get(gateway + "/api/projects/1", "Authorization", Http.basic("alice", PASSWORD)));

        assertThat(header(seen, "x-auth-username")).isEqualTo("alice");
        assertThat(header(seen, "x-auth-email")).isEqualTo("alice@legacy-demo.test");
        assertThat(header(seen, "x-auth-scheme")).isEqualTo("basic");
        assertThat(List.of(header(seen, "x-auth-roles").split(","))).contains("api-access", "editor", "viewer");
        assertThat(header(seen, "x-auth-user-id")).matches("[0-9a-f-]{36}");
        assertThat(seen.get("path").asText()).isEqualTo("/api/projects/1");
        assertThat(seen.get("headers").has("authorization")).as("the password never reaches the application").isFalse();
    }

    @Test
    void theApplicationGetsTheIdentityAndNeverTheCredential() throws Exception {
        HttpResponse<String> issued = Http.send(Http.request(gateway + "/api/tokens")
                .header("Content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\", \"password\":\"" + PASSWORD + "\"}")));
        JsonNode pair = JSON.readTree(issued.body());
        List<JsonNode> seen = List.of(
                echoed(Http.get(gateway + "/api/a", "Authorization", Http.basic("alice", PASSWORD))),
                echoed(Http.get(gateway + "/api/b", "X-API-Auth", Http.b64("alice:" + PASSWORD))),
                echoed(Http.get(gateway + "/api/c", "X-Auth-AccessKey", DEMO_KEY)),
                echoed(Http.get(gateway + "/api/d", "X-Auth-Token", pair.get("token").asText(),
                        "X-Auth-UserId", pair.get("user_id").asText())));

        JsonNode forged = echoed(Http.get(gateway + "/api/e", "Authorization", Http.basic("alice", PASSWORD),
                "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Host", "evil.example", "Forwarded", "for=6.6.6.6",
                "X-Forwarded-Port", "4444", "X-Real-IP", "6.6.6.6"));
        assertThat(header(forged, "x-forwarded-for")).as("the client's address as the gateway saw it").isEqualTo("127.0.0.1");
        assertThat(header(forged, "x-forwarded-host")).isNotEqualTo("evil.example");
        assertThat(forged.get("headers").has("forwarded")).isFalse();
        assertThat(forged.toString()).doesNotContain("4444").doesNotContain("6.6.6.6");
        for (JsonNode echo : seen) {
            assertThat(header(echo, "x-auth-username")).isEqualTo("alice");
            for (String credential : new String[] {"authorization", "x-api-auth", "x-auth-accesskey", "x-auth-token",
                    "x-auth-userid"}) {
                assertThat(echo.get("headers").has(credential)).as(credential + " in " + echo).isFalse();
            }
        }
    }

    @Test
    void kanboardsCustomHeaderAndApplicationApiPass() throws Exception {
        JsonNode user = echoed(Http.send(Http.request(gateway + "/jsonrpc.php")
                .header("X-API-Auth", Http.b64("alice:" + PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"method\": \"getAllProjects\", \"id\": 1}"))));
        assertThat(header(user, "x-auth-username")).isEqualTo("alice");
        assertThat(header(user, "x-auth-scheme")).isEqualTo("header");
        assertThat(user.get("body").asText()).contains("getAllProjects");

        JsonNode app = echoed(Http.send(Http.request(gateway + "/jsonrpc.php")
                .header("X-API-Auth", KANBOARD_APP_HEADER)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"method\": \"getAllProjects\", \"id\": 1}"))));
        assertThat(header(app, "x-auth-username")).isEqualTo("service-account-kanboard-app");
        assertThat(header(app, "x-auth-scheme")).isEqualTo("app-token");
    }

    @Test
    void anAccessKeyPassesWithOnlyItsScope() throws Exception {
        JsonNode seen = echoed(Http.get(gateway + "/api/artifacts", "X-Auth-AccessKey", DEMO_KEY));

        assertThat(header(seen, "x-auth-username")).isEqualTo("alice");
        assertThat(header(seen, "x-auth-scheme")).isEqualTo("access-key");
        assertThat(header(seen, "x-auth-roles")).isEqualTo("viewer");
    }

    @Test
    void tuleapsTokenPairWorksOnTheSeedsPaths() throws Exception {
        HttpResponse<String> issued = Http.send(Http.request(gateway + "/api/tokens")
                .header("Content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\", \"password\":\"" + PASSWORD + "\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        JsonNode pair = JSON.readTree(issued.body());
        String token = pair.get("token").asText();
        String userId = pair.get("user_id").asText();
        assertThat(pair.get("uri").asText()).isEqualTo("/api/tokens/" + token);

        JsonNode seen = echoed(Http.get(gateway + "/api/projects", "X-Auth-Token", token, "X-Auth-UserId", userId));
        assertThat(header(seen, "x-auth-user-id")).isEqualTo(userId);
        assertThat(header(seen, "x-auth-scheme")).isEqualTo("token-pair");

        assertThat(Http.send(Http.request(gateway + pair.get("uri").asText())
                .header("X-Auth-Token", token).header("X-Auth-UserId", userId).DELETE()).statusCode()).isEqualTo(204);
        assertThat(Http.get(gateway + "/api/projects", "X-Auth-Token", token, "X-Auth-UserId", userId).statusCode())
                .isEqualTo(401);
    }

    @Test
    void zettelstoresLoginGivesABearerThatPasses() throws Exception {
        // a forged port would choose the issuer Keycloak writes into the token
        HttpResponse<String> login = Http.send(Http.request(gateway + "/a").header("X-Forwarded-Port", "4444")
                .header("X-Forwarded-Ssl", "on")
                .header("Authorization", Http.basic("alice", PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher bearer = Pattern.compile("\\(\"Bearer\" \"([^\"]+)\" (\\d+)\\)").matcher(login.body());
        assertThat(bearer.find()).as(login.body()).isTrue();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(bearer.group(1).split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JSON.readTree(payload).get("iss").asText()).doesNotContain(":4444").startsWith("http://");

        JsonNode seen = echoed(Http.get(gateway + "/z/0000000000001", "Authorization", "Bearer " + bearer.group(1)));
        assertThat(header(seen, "x-auth-username")).isEqualTo("alice");
        assertThat(header(seen, "x-auth-scheme")).isEqualTo("bearer");
    }

    @Test
    void zaneOpsSessionCookieWorksAndEveryMutatingMethodNeedsTheCsrfToken() throws Exception {
        HttpResponse<String> login = Http.send(Http.request(gateway + "/api/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{ \"username\": \"alice\", \"password\": \"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        String sessionid = Http.setCookie(login, "sessionid");

        HttpResponse<String> me = Http.get(gateway + "/api/auth/me", "Cookie", "sessionid=" + sessionid);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).at("/user/username").asText()).isEqualTo("alice");

        HttpResponse<String> csrf = Http.get(gateway + "/api/csrf", "Cookie", "sessionid=" + sessionid);
        assertThat(csrf.statusCode()).isEqualTo(200);
        String csrftoken = Http.setCookie(csrf, "csrftoken");
        String cookies = "sessionid=" + sessionid + "; csrftoken=" + csrftoken;

        JsonNode read = echoed(Http.get(gateway + "/api/projects", "Cookie", cookies));
        assertThat(header(read, "x-auth-scheme")).isEqualTo("session-cookie");

        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> without = Http.send(Http.request(gateway + "/api/projects/1").header("Cookie", cookies)
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(without.statusCode()).as(method + " without X-CSRFToken").isEqualTo(403);

            HttpResponse<String> forged = Http.send(Http.request(gateway + "/api/projects/1").header("Cookie", cookies)
                    .header("X-Original-Method", "GET").header("X-Forwarded-Method", "GET")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(forged.statusCode()).as(method + " claiming to be a GET").isEqualTo(403);

            HttpResponse<String> wrong = Http.send(Http.request(gateway + "/api/projects/1").header("Cookie", cookies)
                    .header("X-CSRFToken", "A".repeat(32)).method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(wrong.statusCode()).as(method + " with another token").isEqualTo(403);

            JsonNode with = echoed(Http.send(Http.request(gateway + "/api/projects/1").header("Cookie", cookies)
                    .header("X-CSRFToken", csrftoken).method(method, HttpRequest.BodyPublishers.ofString("{}"))));
            assertThat(with.get("method").asText()).isEqualTo(method);
            assertThat(header(with, "x-auth-username")).isEqualTo("alice");
        }

        HttpResponse<String> logout = Http.send(Http.request(gateway + "/api/auth/logout").header("Cookie", cookies)
                .header("X-CSRFToken", csrftoken).DELETE());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(Http.get(gateway + "/api/projects", "Cookie", cookies).statusCode()).isEqualTo(401);
    }

    // --- what the gateway refuses ----------------------------------------------------------------

    @Test
    void theClientCannotForgeTheIdentityTheApplicationSees() throws Exception {
        String[] forged = {"X-Auth-User-Id", "00000000-0000-0000-0000-000000000000", "X-Auth-Username", "admin",
                "X-Auth-Email", "admin@evil.test", "X-Auth-Roles", "admin,realm-admin", "X-Auth-Scheme", "none",
                // CGI, FastCGI and WSGI servers read these as X-Auth-* and join them to the real values
                "X_Auth_Username", "admin", "X-Auth_Roles", "realm-admin", "X_Auth-Roles", "realm-admin",
                "X-Auth_Email", "admin@evil.test", "x_auth_user_id", "00000000-0000-0000-0000-000000000000",
                // PHP maps '.' (and lighttpd any other sign) to '_' too, and takes the forged value in place of the real one
                "X-Auth.Roles", "realm-admin", "X.Auth.User.Id", "00000000-0000-0000-0000-000000000000",
                "X-Auth~Roles", "realm-admin", "X-Auth+Email", "admin@evil.test"};

        String[] asAlice = concat(forged, "Authorization", Http.basic("alice", PASSWORD));
        JsonNode seen = echoed(Http.get(gateway + "/api/projects", asAlice));
        assertThat(seen.at("/headers/x-auth-username")).hasSize(1);
        assertThat(header(seen, "x-auth-username")).isEqualTo("alice");
        assertThat(header(seen, "x-auth-email")).isEqualTo("alice@legacy-demo.test");
        assertThat(header(seen, "x-auth-roles")).doesNotContain("admin");
        assertThat(header(seen, "x-auth-scheme")).isEqualTo("basic");
        assertThat(header(seen, "x-auth-user-id")).isNotEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(seen.get("headers").fieldNames()).toIterable().as("header names of other signs than '-'")
                .allMatch(name -> name.matches("[a-z0-9-]+"));
        assertThat(seen.toString()).doesNotContain("realm-admin").doesNotContain("admin@evil.test");

        // the service account has no e-mail: the forged one is dropped, not passed on (nginx drops the
        // empty header Keycloak answers, Caddy passes it on empty)
        JsonNode app = echoed(Http.get(gateway + "/api/projects", concat(forged, "X-API-Auth", KANBOARD_APP_HEADER)));
        JsonNode email = app.at("/headers/x-auth-email");
        assertThat(email.isMissingNode() || email.size() == 1 && email.get(0).asText().isEmpty())
                .as("x-auth-email: " + email).isTrue();
        assertThat(app.toString()).doesNotContain("admin@evil.test");
        assertThat(header(app, "x-auth-username")).isEqualTo("service-account-kanboard-app");

        // without a credential the forged identity gets nowhere
        HttpResponse<String> anonymous = Http.get(gateway + "/api/projects", forged);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("\"headers\"");
    }

    @Test
    void aMissingOrWrongCredentialIs401WithTheChallengeAndTheApplicationIsNotReached() {
        for (HttpResponse<String> refused : List.of(Http.get(gateway + "/api/projects"),
                Http.get(gateway + "/api/projects", "Authorization", Http.basic("alice", "wrong-password")),
                Http.get(gateway + "/api/projects", "X-Auth-AccessKey", DEMO_KEY.substring(0, DEMO_KEY.length() - 1) + "X"))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"" + REALM + "\"");
            assertThat(refused.body()).doesNotContain("\"headers\"");
        }
    }

    @Test
    void aUserWithoutApiAccessIs403() {
        HttpResponse<String> refused = Http.get(gateway + "/api/projects", "Authorization", Http.basic("bob", "bob-demo-password"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("\"headers\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/tokens", "/a", "/api/auth/login"})
    void theLoginPathsRefuseAWrongPasswordWithoutReachingTheApplication(String path) {
        HttpResponse<String> refused = Http.send(Http.request(gateway + path)
                .header("Content-Type", "application/json")
                .header("Authorization", Http.basic("alice", "wrong-password"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"wrong-password\"}")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("\"headers\"");
    }

    // ---------------------------------------------------------------------------------------------

    /** The echo of a request the application received; fails with the answer when it did not. */
    JsonNode echoed(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body() + "\n" + gatewayLog()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.has("headers")).as(response.body()).isTrue();
        return echo;
    }

    static String header(JsonNode echo, String name) {
        JsonNode values = echo.get("headers").get(name);
        assertThat(values).as(name + " in " + echo.get("headers")).isNotNull();
        assertThat(values).as(name).hasSize(1);
        return values.get(0).asText();
    }

    static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
