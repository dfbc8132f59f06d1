package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Secrets;
import io.github.legacyauth.it.harness.Smoke;

/**
 * The last test of the run: every password, key, token and cookie the suite used is looked for in the
 * server's log, the event store and admin events, every user's admin representation, and the whole
 * database (user attributes, session notes, everything), and in the cluster test's node logs and
 * PostgreSQL database. None may appear in clear, and no password's unkeyed hash either (MD5, SHA-1, SHA-256,
 * SHA-512; hex or Base64), whether the password cache was on or off.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(RealKeycloak.class)
@Smoke
class SecretsScanIT {

    @Test
    void noSecretTheSuiteUsedIsStoredOrLoggedInClear(KeycloakServer server) throws Exception {
        Set<String> secrets = Secrets.used(Secrets.realmFiles(Path.of("src/test/resources/realms"),
                Path.of(System.getProperty("demo.dir"))));
        Map<String, String> places = new LinkedHashMap<>();

        // what the admin API shows, while the server runs
        String token = server.admin().tokenManager().getAccessTokenString();
        List<String> clientSecrets = new ArrayList<>();
        for (RealmRepresentation realm : server.admin().realms().findAll()) {
            server.admin().realm(realm.getRealm()).clients().findAll().stream()
                    .map(client -> client.getSecret())
                    .filter(secret -> secret != null && secret.length() >= 16)
                    .forEach(clientSecrets::add);
            String admin = server.baseUrl() + "/admin/realms/" + realm.getRealm();
            places.put("events of " + realm.getRealm(), get(admin + "/events?max=100000", token));
            places.put("admin events of " + realm.getRealm(), get(admin + "/admin-events?max=100000", token));
            places.put("users of " + realm.getRealm(), get(admin + "/users?briefRepresentation=false&max=100000", token));
        }
        // then the server's files, whole
        Assumptions.assumeFalse(KeycloakServer.inContainer(), "the server's files are in the container");
        server.stop();
        places.put("server log", server.log());
        places.put("embedded H2 database", h2Dump(server.home().resolve("data/h2/keycloakdb")));
        Path cluster = Path.of("target/cluster");
        if (Files.isDirectory(cluster)) {
            try (Stream<Path> logs = Files.list(cluster)) {
                for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                    places.put("cluster " + log.getFileName(), Files.readString(log, StandardCharsets.ISO_8859_1));
                }
            }
            places.put("cluster PostgreSQL database", pgDump());
        }

        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            places.forEach((place, text) -> {
                if (text.contains(secret)) {
                    found.add(masked(secret) + " in " + place);
                }
            });
        }
        // nor a password's unkeyed hash (what a careless cache would keep): MD5, SHA-1, SHA-256, SHA-512 in
        // hex and Base64 (the password cache keeps an HMAC under a node-memory secret, nothing else)
        Set<String> passwords = Secrets.passwords(Secrets.realmFiles(Path.of("src/test/resources/realms"),
                Path.of(System.getProperty("demo.dir"))));
        int hashForms = 0;
        for (String password : passwords) {
            for (Map.Entry<String, String> form : unkeyedHashes(password).entrySet()) {
                hashForms++;
                places.forEach((place, text) -> {
                    if (text.contains(form.getValue())) {
                        found.add(form.getKey() + " of " + masked(password) + " in " + place);
                    }
                });
            }
        }
        System.out.printf("Looked for %d secrets and %d unkeyed hashes of %d passwords in %d places (%d characters in all)%n",
                secrets.size(), hashForms, passwords.size(), places.size(),
                places.values().stream().mapToLong(String::length).sum());
        assertThat(passwords).as("passwords collected").hasSizeGreaterThan(10);
        assertThat(secrets).as("secrets collected").hasSizeGreaterThan(20);
        // the scan can see: Keycloak keeps client secrets in clear (its own design), so they are in the dump,
        // and the log holds this extension's debug lines
        assertThat(places.get("embedded H2 database")).as("the database dump").contains("USER_ENTITY");
        assertThat(clientSecrets).isNotEmpty().anySatisfy(secret ->
                assertThat(places.get("embedded H2 database")).contains(secret));
        assertThat(places.get("server log")).contains("io.github.legacyauth");
        assertThat(found).as("secrets found in clear").isEmpty();
    }

    static String get(String url, String token) {
        var response = Http.send(Http.request(url).header("Authorization", "Bearer " + token).GET());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** The whole database as SQL ({@code SCRIPT}), read from its file once the server has stopped. */
    static String h2Dump(Path database) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database.toAbsolutePath()
                + ";NON_KEYWORDS=VALUE;ACCESS_MODE_DATA=r;IFEXISTS=TRUE", "", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SCRIPT")) {
            while (rows.next()) {
                dump.append(rows.getString(1)).append('\n');
            }
        }
        return dump.toString();
    }

    static String pgDump() throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", System.getProperty("cluster.db.user", "postgres"),
                "--data-only", System.getProperty("cluster.database", "legacy_auth_cluster"))
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(text.length() > 500 ? text.substring(0, 500) : text).isZero();
        return text;
    }

    /** A password's digests without a key, as hex (lower and upper case), Base64 and Base64url. */
    static Map<String, String> unkeyedHashes(String password) throws Exception {
        Map<String, String> forms = new LinkedHashMap<>();
        for (String algorithm : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(password.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            forms.put(algorithm + " hex", hex);
            forms.put(algorithm + " HEX", hex.toUpperCase(java.util.Locale.ROOT));
            forms.put(algorithm + " Base64", Base64.getEncoder().withoutPadding().encodeToString(digest));
            forms.put(algorithm + " Base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        }
        return forms;
    }

    /** Enough of a secret to find it in the code, never enough to use it. */
    static String masked(String secret) {
        return secret.substring(0, Math.min(6, secret.length() / 3)) + "... (" + secret.length() + " chars)";
    }
}
