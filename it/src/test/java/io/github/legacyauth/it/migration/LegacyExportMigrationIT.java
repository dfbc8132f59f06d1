package io.github.legacyauth.it.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;

/**
 * A small legacy export (the CSV files under {@code migration/}: users of Kanboard, Tuleap, ZaneOps and
 * Zettelstore with the hashes those applications store, made by the algorithms' reference
 * implementations; one Tuleap personal access key by its verifier; one Kanboard personal API token) goes
 * through {@code tools/LegacyMigration.java} and Keycloak's own partial import, then the seeds' requests
 * run with the old credentials, unchanged: all pass; after the first success every stored credential is
 * Argon2id; a wrong password fails and counts towards the lockout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyExportMigrationIT extends AttackRealmTest {

    static final String TULEAP_KEY = "tlp.k1.1026." + HexFormat.of().formatHex(
            HexFormat.of().parseHex("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"));
    static final String KANBOARD_TOKEN = "acf1a7207c359e0c30cff8403c5473e59cd6308870879ddb411edfbd0ad1";
    static final Map<String, String> PASSWORDS = Map.of(
            "kb-ann", "rasmuslerdorf",
            "tl-tom", "tuleap-pässword",
            "tl-olga", "tuleap-pässword",
            "zo-zoe", "django-imported-1",
            "zs-owner", "zettel-Pässword-1");

    @BeforeAll
    static void migrate() throws Exception {
        Path resources = Path.of(LegacyExportMigrationIT.class.getResource("/migration/legacy-users.csv").toURI()).getParent();
        Tool users = tool(Map.of(), "users", resources.resolve("legacy-users.csv").toString());
        assertThat(users.exit()).as(users.errors()).isZero();
        // a hash beyond what one check may cost is left out, and the tool says so
        assertThat(users.errors()).contains("kb-hard: bcrypt cost 16 is above 15").doesNotContain("$2a$16$");
        PartialImportRepresentation export = AttackRealm.JSON.readValue(users.output(), PartialImportRepresentation.class);
        try (var imported = attack.realm().partialImport(export)) {
            assertThat(imported.getStatus()).isEqualTo(200);
        }
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));

        Tool keys = tool(Map.of("KEYCLOAK_TOKEN", attack.masterAdminToken()), "keys",
                resources.resolve("legacy-keys.csv").toString(), attack.server().baseUrl(), AttackRealm.REALM);
        assertThat(keys.exit()).as(keys.output() + keys.errors()).isZero();
        assertThat(keys.output()).contains("tl-tom: imported as tlp-1026").contains("kb-ann: imported as")
                .doesNotContain(KANBOARD_TOKEN);
    }

    @Test
    @Order(1)
    void everyUserArrivesWithTheHashTheLegacyApplicationStored() {
        assertThat(algorithm("kb-ann")).isEqualTo("bcrypt");
        assertThat(algorithm("tl-tom")).isEqualTo("argon2-phc");
        assertThat(algorithm("tl-olga")).isEqualTo("crypt");
        assertThat(algorithm("zo-zoe")).isEqualTo("django-pbkdf2");
        assertThat(algorithm("zs-owner")).isEqualTo("zettelstore-bcrypt");
        assertThat(attack.realm().users().get(attack.userId("kb-hard")).credentials()).as("imported without one").isEmpty();
    }

    @Test
    @Order(2)
    void aWrongPasswordAgainstALegacyHashFailsAndCountsTowardsTheLockout() throws Exception {
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(attack.verify("Authorization", Http.basic("kb-gus", "guess-" + i)).statusCode()).isEqualTo(401);
            }
            Realms.awaitLoginFailures(attack.realm(), attack.userId("kb-gus"), 3);
            assertThat(attack.verify("Authorization", Http.basic("kb-gus", "rasmuslerdorf")).statusCode()).as("locked")
                    .isEqualTo(401);
            assertThat(algorithm("kb-gus")).isEqualTo("bcrypt");
        } finally {
            attack.realm().attackDetection().clearAllBruteForce();
        }
    }

    @Test
    @Order(3)
    void kanboardsRequestsPassWithThePasswordAndThePersonalToken() {
        // curl -u "kb-ann:rasmuslerdorf" -d '{"jsonrpc": "2.0", "method": "getMe", "id": 1}' .../jsonrpc.php
        HttpResponse<String> password = postVerify(Http.basic("kb-ann", PASSWORDS.get("kb-ann")));
        assertThat(password.statusCode()).isEqualTo(200);
        assertThat(password.headers().firstValue("X-Auth-Scheme")).hasValue("basic");
        // the same request with the personal API token in place of the password
        HttpResponse<String> token = postVerify(Http.basic("kb-ann", KANBOARD_TOKEN));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.headers().firstValue("X-Auth-Username")).hasValue("kb-ann");
        assertThat(token.headers().firstValue("X-Auth-Scheme")).hasValue("access-key");
    }

    @Test
    @Order(4)
    void tuleapsRequestsPassWithThePasswordAndTheAccessKey() throws Exception {
        // curl -X POST -H 'Content-Type: application/json' -d '{"username":…,"password":…}' .../api/tokens
        HttpResponse<String> tokens = Http.send(Http.request(attack.url("/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"tl-tom\",\"password\":\"tuleap-pässword\"}")));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        var pair = AttackRealm.json(tokens);
        assertThat(attack.verify("X-Auth-Token", pair.get("token").asText(), "X-Auth-UserId",
                pair.get("user_id").asText()).statusCode()).isEqualTo(200);
        // curl -H 'X-Auth-AccessKey: tlp.k1.1026…' .../api/projects
        HttpResponse<String> key = attack.verify("X-Auth-AccessKey", TULEAP_KEY);
        assertThat(key.statusCode()).isEqualTo(200);
        assertThat(key.headers().firstValue("X-Auth-Username")).hasValue("tl-tom");
        assertThat(key.headers().firstValue("X-Auth-Roles")).hasValue("viewer");
        // an account from Tuleap's sha512-crypt days, with Basic
        assertThat(attack.verify("Authorization", Http.basic("tl-olga", PASSWORDS.get("tl-olga"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void zaneOpsLoginGivesItsSessionCookie() {
        HttpResponse<String> login = Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"zo-zoe\", \"password\": \"django-imported-1\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        HttpResponse<String> me = Http.get(attack.url("/auth/me"), "Cookie", "sessionid=" + Http.setCookie(login, "sessionid"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"zo-zoe\"");
    }

    @Test
    @Order(6)
    void zettelstoresLoginGivesItsBearer() {
        HttpResponse<String> login = Http.send(Http.request(attack.url("/a"))
                .header("Authorization", Http.basic("zs-owner", PASSWORDS.get("zs-owner")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher bearer = Pattern.compile("\\(\"Bearer\" \"([^\"]+)\" (\\d+)\\)").matcher(login.body());
        assertThat(bearer.find()).as(login.body()).isTrue();
        assertThat(attack.verify("Authorization", "Bearer " + bearer.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void afterTheFirstSuccessEveryCredentialIsArgon2idAndTheOldPasswordStillPasses() {
        for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
            assertThat(algorithm(user.getKey())).as(user.getKey()).isEqualTo("argon2");
            assertThat(attack.verify("Authorization", Http.basic(user.getKey(), user.getValue())).statusCode())
                    .as(user.getKey()).isEqualTo(200);
        }
    }

    static HttpResponse<String> postVerify(String authorization) {
        return Http.send(Http.request(attack.url("/verify")).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"method\": \"getMe\", \"id\": 1}")));
    }

    static String algorithm(String username) {
        String data = attack.realm().users().get(attack.userId(username)).credentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst().orElseThrow()
                .getCredentialData();
        return data.replaceAll(".*\"algorithm\":\"([^\"]+)\".*", "$1");
    }

    record Tool(int exit, String output, String errors) {
    }

    /** Runs tools/LegacyMigration.java as an admin would, with the JDK that runs the tests. */
    static Tool tool(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(Path.of(System.getProperty("tools.dir"), "LegacyMigration.java").toString());
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("legacy-migration", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(errors);
        Files.delete(errors);
        return new Tool(process.exitValue(), new String(output, StandardCharsets.UTF_8), stderr);
    }
}
