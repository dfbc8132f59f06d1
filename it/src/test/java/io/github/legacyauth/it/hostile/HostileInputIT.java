package io.github.legacyauth.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.legacyauth.accesskey.AccessKeyFormat;
import io.github.legacyauth.core.SecretHash;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RawHttp;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * The hostile corpus ({@code hostile/corpus.jsonl}): malformed and hostile requests across every
 * scheme, each sent byte for byte over a socket and each expecting one specific 400, 401 or 403. None
 * may get a 500, a stack trace, or its own input echoed back.
 *
 * <p>A row: {@code id}, {@code expect}, {@code method}, {@code path} (below
 * {@code /realms/legacy-demo/legacy-auth}), {@code headers} (name/value pairs, sent as ISO-8859-1 bytes,
 * so a value can hold CR, LF, NUL or any byte), optional {@code body} (UTF-8, or its chars as bytes
 * with {@code "bodyEncoding": "latin1"}). Placeholders such as {@code ${TOKEN}} stand for live
 * credentials the test obtains first.
 */
@ExtendWith(RealKeycloak.class)
@Smoke
class HostileInputIT {

    static final String REALM = "legacy-demo";
    static final String PASSWORD = "alice-demo-password";
    static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakServer server;
    static final Map<String, String> LIVE = new LinkedHashMap<>();

    @BeforeAll
    static void importRealmAndObtainLiveCredentials(KeycloakServer keycloak) throws Exception {
        server = keycloak;
        server.importRealm(Path.of(System.getProperty("demo.dir"), "legacy-demo-realm.json"));
        // hostile input is not about the lockout (LockoutIT is): keep alice unlocked whatever the corpus sends
        RealmRepresentation realm = server.admin().realm(REALM).toRepresentation();
        realm.setBruteForceProtected(false);
        server.admin().realm(REALM).update(realm);

        String base = server.legacyAuthUrl(REALM);
        String login = "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}";
        HttpResponse<String> pair = Http.send(Http.request(base + "/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login)));
        assertThat(pair.statusCode()).isEqualTo(200);
        String token = JSON.readTree(pair.body()).get("token").asText();
        HttpResponse<String> cookie = Http.send(Http.request(base + "/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(login)));
        assertThat(cookie.statusCode()).isEqualTo(201);
        String setCookie = cookie.headers().firstValue("Set-Cookie").orElseThrow();
        String session = setCookie.substring("sessionid=".length(), setCookie.indexOf(';'));
        String csrf = "Csrf0123456789abcdefghijklmnopqr";

        LIVE.put("TOKEN", token);
        LIVE.put("TOKEN_CHANGED", changed(token, token.length() - 10));
        LIVE.put("TOKEN_TRUNCATED", token.substring(0, token.length() - 3));
        LIVE.put("TOKEN_UPPER", token.substring(0, 4) + token.substring(4, 36).toUpperCase(Locale.ROOT) + token.substring(36));
        LIVE.put("SESSION", session);
        LIVE.put("SESSION_CHANGED", changed(session, session.length() - 10));
        LIVE.put("SESSION_TRUNCATED", session.substring(0, session.length() - 3));
        LIVE.put("CSRF", csrf);
        LIVE.put("CSRF_LOWER", csrf.toLowerCase(Locale.ROOT));
        LIVE.put("ALICE_ID", Realms.user(server.admin().realm(REALM), "alice").getId());
        LIVE.put("BOB_ID", Realms.user(server.admin().realm(REALM), "bob").getId());
        plantRecords();
    }

    /**
     * Records written around the extension, through Keycloak's user API with the most permissive user
     * profile: a key record in alice's attributes and an application-token record on the service account.
     * The corpus presents the credentials they describe.
     */
    static void plantRecords() throws Exception {
        var realm = server.admin().realm(REALM);
        Realms.letUsersEditUnmanagedAttributes(realm);

        var alice = realm.users().get(LIVE.get("ALICE_ID"));
        AccessKeyFormat.AccessKey key = new AccessKeyFormat.AccessKey(LIVE.get("ALICE_ID"), "Planted9", "HostilePlantedSecret12");
        var rep = alice.toRepresentation();
        rep.singleAttribute("legacy-auth.access-key.Planted9", "{\"hash\":\"" + SecretHash.hash(key.secret())
                + "\",\"description\":\"planted\",\"created\":1795392000,\"scopes\":[]}");
        alice.update(rep);
        assertThat(AccessKeyFormat.parse(AccessKeyFormat.format(key))).as("a well-formed key").isEqualTo(key);
        LIVE.put("PLANTED_KEY", AccessKeyFormat.format(key));
        LIVE.put("PLANTED_KEY_BASIC", Http.b64("alice:" + AccessKeyFormat.format(key)));

        String token = "hostile-planted-app-token-0123456789";
        var serviceAccount = realm.users().get(Realms.user(realm, "service-account-kanboard-app").getId());
        var account = serviceAccount.toRepresentation();
        account.singleAttribute("legacy-auth.app-token." + SecretHash.hash(token),
                "{\"id\":\"planted\",\"description\":\"planted\",\"created\":1795392000}");
        serviceAccount.update(account);
        LIVE.put("PLANTED_APP_TOKEN_HEADER", Http.b64("jsonrpc:" + token));
        assertThat(serviceAccount.toRepresentation().getAttributes()).containsKey("legacy-auth.app-token." + SecretHash.hash(token));
    }

    @Test
    void theCorpusHoldsAtLeast200RequestsWithDistinctIds() throws Exception {
        List<JsonNode> rows = corpus();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(200);
        assertThat(rows.stream().map(row -> row.get("id").asText()).distinct()).hasSize(rows.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.get("expect").asInt()).isIn(400, 401, 403, 413));
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsItsOwnRefusal() throws Exception {
        return corpus().stream().map(row -> DynamicTest.dynamicTest(row.get("id").asText(), () -> send(row)));
    }

    /** The live credentials still work after the whole corpus: nothing in it broke a session. */
    @Test
    void theLiveCredentialsStillWork() {
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        assertThat(Http.get(verify, "X-Auth-Token", LIVE.get("TOKEN"), "X-Auth-UserId", LIVE.get("ALICE_ID")).statusCode())
                .isEqualTo(200);
        assertThat(Http.get(verify, "Cookie", "sessionid=" + LIVE.get("SESSION")).statusCode()).isEqualTo(200);
    }

    static void send(JsonNode row) {
        String method = row.get("method").asText();
        String path = "/realms/" + REALM + "/legacy-auth" + row.get("path").asText();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(server.port());
        List<String> inputs = new ArrayList<>();
        for (JsonNode header : row.get("headers")) {
            String value = live(header.get(1).asText());
            head.append("\r\n").append(header.get(0).asText()).append(": ").append(value);
            if (!header.get(0).asText().equalsIgnoreCase("Content-Type")) {
                inputs.add(value);
            }
        }
        byte[] body = new byte[0];
        if (row.has("body")) {
            String text = live(row.get("body").asText());
            body = text.getBytes("latin1".equals(row.path("bodyEncoding").asText())
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            inputs.add(text);
        }

        RawHttp.Reply reply = RawHttp.exchange(server.port(), head.toString().getBytes(StandardCharsets.ISO_8859_1), body);

        String id = row.get("id").asText();
        assertThat(reply.status()).as(id + ": " + firstLine(reply.text())).isEqualTo(row.get("expect").asInt());
        String answer = reply.text();
        assertThat(answer).as(id + " shows no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
        for (String input : inputs) {
            for (String piece : distinctive(input)) {
                assertThat(answer).as(id + " does not echo its input").doesNotContain(piece);
            }
        }
    }

    /** The parts of an input long and particular enough that finding them in an answer means an echo. */
    static List<String> distinctive(String input) {
        List<String> pieces = new ArrayList<>();
        for (String piece : input.split("[\\s;,=:\"{}\\[\\]]+")) {
            if (piece.length() >= 12 && !piece.chars().allMatch(c -> c == piece.charAt(0))) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    static String live(String text) {
        String result = text;
        for (Map.Entry<String, String> entry : LIVE.entrySet()) {
            result = result.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }

    static String changed(String secret, int position) {
        char replacement = secret.charAt(position) == 'A' ? 'B' : 'A';
        return secret.substring(0, position) + replacement + secret.substring(position + 1);
    }

    static String firstLine(String text) {
        int end = text.indexOf('\r');
        return end < 0 ? text : text.substring(0, end);
    }

    static List<JsonNode> corpus() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/corpus.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }
}
