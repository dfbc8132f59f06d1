package io.github.legacyauth.it.basic;

import static io.github.legacyauth.it.harness.Http.b64;
import static io.github.legacyauth.it.harness.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RawHttp;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** HTTP Basic and the Kanboard custom header through /verify, as a legacy client sees them. */
@ExtendWith(RealKeycloak.class)
class BasicVerifyIT {

    static final String REALM = "basic-it";
    static final String ALICE_PASSWORD = "alice:Secret:with:colons";
    static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"error_description\":\"Missing or invalid credentials\"}";
    static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakServer server;
    static RealmResource realm;
    static String verify;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/basic-it.json");
        realm = server.admin().realm(REALM);
        verify = server.legacyAuthUrl(REALM) + "/verify";
    }

    @Test
    void basicCredentialGivesTheIdentityInHeadersAndJson() throws Exception {
        HttpResponse<String> response = Http.get(verify, "Authorization", basic("alice", ALICE_PASSWORD));

        String aliceId = Realms.user(realm, "alice").getId();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Auth-User-Id")).hasValue(aliceId);
        assertThat(response.headers().firstValue("X-Auth-Username")).hasValue("alice");
        assertThat(response.headers().firstValue("X-Auth-Email")).hasValue("alice@example.test");
        assertThat(response.headers().firstValue("X-Auth-Scheme")).hasValue("basic");
        List<String> roles = List.of(response.headers().firstValue("X-Auth-Roles").orElseThrow().split(","));
        // direct realm roles, a direct client role, and the group's realm and client roles
        assertThat(roles).contains("api-access", "editor", "viewer", "legacy-app:reader", "legacy-app:writer")
                .doesNotContain("bob", "legacy-app:admin")
                .isSorted();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("user_id").asText()).isEqualTo(aliceId);
        assertThat(body.get("username").asText()).isEqualTo("alice");
        assertThat(body.get("email").asText()).isEqualTo("alice@example.test");
        assertThat(body.get("scheme").asText()).isEqualTo("basic");
        assertThat(JSON.convertValue(body.get("roles"), List.class)).isEqualTo(roles);
    }

    @Test
    void userIsFoundByEmailToo() {
        HttpResponse<String> response = Http.get(verify, "Authorization", basic("alice@example.test", ALICE_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Auth-Username")).hasValue("alice");
    }

    @Test
    void schemeNameIsCaseInsensitiveAndUtf8CredentialsWork() {
        assertThat(Http.get(verify, "Authorization", "basic " + b64("alice:" + ALICE_PASSWORD)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> umlaut = Http.get(verify, "Authorization", basic("jürgen", "pässwörd-ß-7"));
        assertThat(umlaut.statusCode()).isEqualTo(200);
        assertThat(umlaut.body()).contains("\"username\":\"jürgen\"");
        // header values travel as bytes (this client reads them as ISO-8859-1): they are jürgen's UTF-8 bytes
        byte[] header = umlaut.headers().firstValue("X-Auth-Username").orElseThrow()
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo("jürgen");
    }

    @Test
    void everyMethodIsVerified() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            HttpResponse<String> response = Http.send(Http.request(verify)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", basic("alice", ALICE_PASSWORD)));
            assertThat(response.statusCode()).as(method).isEqualTo(200);
        }
        HttpResponse<String> head = Http.send(Http.request(verify)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", basic("alice", ALICE_PASSWORD)));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("X-Auth-Username")).hasValue("alice");
    }

    /** {@code /verify/<path>} answers as {@code /verify} does, for gateways that append the request's path. */
    @Test
    void aPathBelowVerifyAnswersTheSame() {
        HttpResponse<String> below = Http.get(verify + "/api/projects/1?x=1", "Authorization", basic("alice", ALICE_PASSWORD));
        assertThat(below.statusCode()).isEqualTo(200);
        assertThat(below.headers().firstValue("X-Auth-Username")).hasValue("alice");
        assertThat(Http.get(verify + "/api/projects/1", "Authorization", basic("alice", "wrong")).statusCode()).isEqualTo(401);
        assertThat(Http.get(verify + "/api/projects/1").statusCode()).isEqualTo(401);
    }

    /** Kanboard's curl example, with only host and path changed. */
    @Test
    void kanboardCustomHeaderCurlExample() {
        HttpResponse<String> response = Http.send(Http.request(verify)
                .header("X-API-Auth", b64("alice:" + ALICE_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\": \"2.0\", \"method\": \"getAllProjects\", \"id\": 1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Auth-Username")).hasValue("alice");
        assertThat(response.headers().firstValue("X-Auth-Scheme")).hasValue("header");
    }

    @Test
    void userWithoutApiAccessIsForbidden() {
        HttpResponse<String> response = Http.get(verify, "Authorization", basic("bob", "bob-Secret-7"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"forbidden\",\"error_description\":\"API access is not granted to this user\"}");
        assertThat(response.headers().firstValue("X-Auth-User-Id")).isEmpty();
        assertThat(Http.get(verify, "X-API-Auth", b64("bob:bob-Secret-7")).statusCode()).isEqualTo(403);
    }

    static Stream<Arguments> unauthenticated() {
        return Stream.of(
                Arguments.of("no credential", new String[0]),
                Arguments.of("wrong password", new String[] {"Authorization", basic("alice", "wrong")}),
                Arguments.of("password prefix only", new String[] {"Authorization", basic("alice", "alice")}),
                Arguments.of("unknown user", new String[] {"Authorization", basic("mallory", ALICE_PASSWORD)}),
                Arguments.of("unknown e-mail", new String[] {"Authorization", basic("nobody@example.test", "x")}),
                Arguments.of("disabled user", new String[] {"Authorization", basic("carol", "carol-Secret-7")}),
                Arguments.of("empty password", new String[] {"Authorization", basic("alice", "")}),
                Arguments.of("wrong password, header", new String[] {"X-API-Auth", b64("alice:wrong")}),
                Arguments.of("Basic alone", new String[] {"Authorization", "Basic"}),
                Arguments.of("not Base64", new String[] {"Authorization", "Basic !!!not-base64!!!"}),
                Arguments.of("bad padding", new String[] {"Authorization", "Basic YWxpY2U6eA=x"}),
                Arguments.of("no colon", new String[] {"Authorization", "Basic " + b64("alice")}),
                Arguments.of("empty user", new String[] {"Authorization", "Basic " + b64(":" + ALICE_PASSWORD)}),
                Arguments.of("non-UTF-8", new String[] {"Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'})}),
                Arguments.of("control char in user", new String[] {"Authorization", basic("al\u0001ice", ALICE_PASSWORD)}),
                Arguments.of("NUL in password", new String[] {"Authorization", basic("alice", ALICE_PASSWORD + "\u0000")}),
                Arguments.of("DEL in password", new String[] {"Authorization", basic("alice", "x\u007f")}),
                Arguments.of("user too long", new String[] {"Authorization", basic("a".repeat(300), "x")}),
                Arguments.of("16 KiB header", new String[] {"Authorization", "Basic " + "QUFB".repeat(4096)}),
                Arguments.of("16 KiB custom header", new String[] {"X-API-Auth", "QUFB".repeat(4096)}),
                Arguments.of("not Base64, header", new String[] {"X-API-Auth", "%%%"}),
                Arguments.of("other scheme", new String[] {"Authorization", "Digest username=\"alice\""}),
                Arguments.of("SQL in user", new String[] {"Authorization", basic("alice' OR '1'='1", "x")}),
                Arguments.of("LDAP in user", new String[] {"Authorization", basic("*)(uid=*", "x")}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void unauthenticated(String what, String[] headers) {
        HttpResponse<String> response = Http.get(verify, headers);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"basic-it\"");
        assertThat(response.headers().firstValue("X-Auth-User-Id")).isEmpty();
    }

    static Stream<Arguments> rawRequests() {
        byte[] alice = basic("alice", ALICE_PASSWORD).getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("Authorization sent twice", join("Authorization: ", alice, "\r\nAuthorization: ", alice)),
                Arguments.of("Latin-1 byte in header", join("Authorization: Basic \u00ff\u00fe==")),
                Arguments.of("raw control byte in header", join("Authorization: Basic YW\u0001xpY2U6eA==")),
                Arguments.of("raw NUL in header", join("X-API-Auth: YW\u0000xp")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rawRequests(String what, byte[] headers) {
        String head = "GET /realms/" + REALM + "/legacy-auth/verify HTTP/1.1\r\nHost: localhost\r\n";
        RawHttp.Reply reply = RawHttp.exchange(port(), concat(head.getBytes(StandardCharsets.ISO_8859_1), headers));

        // The HTTP layer may refuse a broken header itself (400); if it lets the request through, we refuse it.
        assertThat(reply.status()).isIn(400, 401);
        assertThat(reply.text()).doesNotContainIgnoringCase("exception").doesNotContain("at io.").doesNotContain("at org.");
        if (reply.status() == 401) {
            assertThat(reply.text()).endsWith(UNAUTHORIZED_BODY);
        }
    }

    @Test
    void successAndFailureAreLoginEventsWithTheScheme() {
        String aliceId = Realms.user(realm, "alice").getId();
        realm.clearEvents();
        Http.get(verify, "Authorization", basic("alice", ALICE_PASSWORD));
        Http.get(verify, "X-API-Auth", b64("alice:wrong"));
        Http.get(verify, "Authorization", basic("mallory", "x"));

        List<EventRepresentation> events = realm.getEvents(List.of("LOGIN", "LOGIN_ERROR"), null, null, null, null,
                null, 0, 50);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN");
            assertThat(event.getUserId()).isEqualTo(aliceId);
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "basic")
                    .containsEntry("auth_method", "legacy-auth").containsEntry("username", "alice");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN_ERROR");
            assertThat(event.getUserId()).isEqualTo(aliceId);
            assertThat(event.getError()).isEqualTo("invalid_user_credentials");
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "header");
        });
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getType()).isEqualTo("LOGIN_ERROR");
            assertThat(event.getError()).isEqualTo("user_not_found");
            assertThat(event.getDetails()).containsEntry("legacy_auth_scheme", "basic");
        });
        assertThat(events).allSatisfy(event -> assertThat(event.getDetails().values())
                .doesNotContain(ALICE_PASSWORD, "wrong", "x"));
    }

    @AfterAll
    static void noCredentialReachedTheLog() {
        String log = server.log();
        assertThat(log).contains("legacy-auth"); // the scan reads the real log
        for (String secret : List.of(ALICE_PASSWORD, "bob-Secret-7", "carol-Secret-7", "pässwörd-ß-7",
                b64("alice:" + ALICE_PASSWORD), b64("bob:bob-Secret-7"))) {
            assertThat(log).doesNotContain(secret);
        }
    }

    private static int port() {
        return server.port();
    }

    private static byte[] join(Object... parts) {
        byte[] result = new byte[0];
        for (Object part : parts) {
            result = concat(result, part instanceof byte[] bytes ? bytes
                    : part.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return result;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
