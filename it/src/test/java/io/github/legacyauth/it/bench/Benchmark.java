package io.github.legacyauth.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import io.github.legacyauth.it.demo.DemoExamples;
import io.github.legacyauth.it.harness.EchoBackend;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakCluster;
import io.github.legacyauth.it.harness.Nginx;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.Realms;

/**
 * {@code mvn -B -Pbench -DskipTests verify}: starts the real server with the extension, imports the demo
 * realm, and measures in one run, at the same concurrency, Keycloak's own GET well-known and password
 * grant against /verify with each scheme. Prints a markdown table and writes it to
 * {@code it/target/benchmark.md}. Figures, not assertions: compare the ratios, not the absolute numbers.
 */
public final class Benchmark {

    private static final String REALM = "legacy-demo";
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-demo-password";
    private static final int SLICE_SECONDS = 5;
    private static final String LARGE_REALM = "legacy-demo-large";
    private static final String KANBOARD_TOKEN = "19ffd9709d03ce50675c3a43d1c49c1ac207f4bc45f06c5b2701fbdf8929";
    private static final String SERVICE_CLIENT = "bench-service";
    private static final String SERVICE_SECRET = "bench-service-secret";
    private static final String TOKENS_LOGIN = "POST /tokens (password, issues a token pair)";
    private static final String A_LOGIN = "POST /a (Basic, issues a bearer)";
    private static final String COOKIE_LOGIN = "POST /auth/login (password, issues a session cookie)";
    private static final String DIRECT_KEY = "/verify X-Auth-AccessKey, beside nginx";
    private static final String NGINX_KEY = "nginx auth_request + backend, X-Auth-AccessKey";
    private static final String BACKEND_ONLY = "the echo backend alone, no gateway";
    private static final String WELL_KNOWN_B = "GET well-known, node 2 of 2 (PostgreSQL)";
    private static final String METRICS_OFF = "/verify X-Auth-AccessKey, server without metrics";
    private static final String METRICS_KEYCLOAK = "/verify X-Auth-AccessKey, metrics on, the extension's meters off";
    private static final String METRICS_ON = "/verify X-Auth-AccessKey, metrics on, Keycloak's and the extension's meters";
    private static final String KEY_ON_B = "/verify X-Auth-AccessKey on node 2, key created on node 1";
    /** The password cache period of the cache-on rows: the longest an admin may choose, so no row outlives it. */
    private static final int CACHE_SECONDS = 3600;
    private static final int API_USERS = 1_000;
    private static final String BASIC_CACHED = "/verify Basic, password cache on";
    private static final String HEADER_CACHED = "/verify X-API-Auth, password cache on";
    private static final String MANY_COLD = "/verify Basic, 1000 users' own passwords, cache on, cold (one pass)";
    private static final String MANY_WARM = "/verify Basic, 1000 users' own passwords, cache on, warm";
    private static final String WRONG_OFF = "/verify Basic, wrong passwords of 1000 users, cache off";
    private static final String WRONG_ON = "/verify Basic, wrong passwords of 1000 users, cache on";
    private static final int BCRYPT_USERS = 300;
    private static final String IMPORTED_KEY = "/verify X-Auth-AccessKey, a Tuleap key imported by its verifier";
    private static final String BCRYPT_FIRST = "/verify Basic, 300 users on an imported bcrypt-10 hash, cache off, first request";
    private static final String BCRYPT_UPGRADED = "/verify Basic, the same 300 users after the upgrade to Argon2id, cache off";

    private Benchmark() {
    }

    /** A row: what is sent, what answer counts as success, and the realm's brute-force and password-cache settings. */
    record Target(String name, int expectedStatus, boolean bruteForceDetection, int passwordCacheSeconds,
                  Supplier<HttpRequest> request) {

        Target(String name, int expectedStatus, boolean bruteForceDetection, Supplier<HttpRequest> request) {
            this(name, expectedStatus, bruteForceDetection, 0, request);
        }
    }

    record Result(String name, long users, long requests, long errors, double seconds, long[] latenciesNanos) {

        Result withUsers(long count) {
            return new Result(name, count, requests, errors, seconds, latenciesNanos);
        }

        static Result merge(List<Result> slices) {
            long[] all = slices.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
            Result first = slices.get(0);
            return new Result(first.name(), first.users(), slices.stream().mapToLong(Result::requests).sum(),
                    slices.stream().mapToLong(Result::errors).sum(), slices.stream().mapToDouble(Result::seconds).sum(), all);
        }

        /** Successful requests per second: a refused request is not throughput. */
        double perSecond() {
            return (requests - errors) / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1_000_000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int manyUsers = Integer.getInteger("bench.users", 100_000);

        List<Result> results = new ArrayList<>();
        if ("metrics".equals(System.getProperty("bench.only"))) {
            // -Dbench.only=metrics: the meters' cost alone, a few minutes
            results.addAll(metricsOnAndOff(concurrency, seconds, warmup));
            report(results, concurrency, seconds);
            return;
        }
        KeycloakServer server = KeycloakServer.start();
        try {
            server.importRealm(DemoExamples.demoFile("legacy-demo-realm.json"));
            RealmResource realm = server.admin().realm(REALM);
            Realms.updateSettings(realm, java.util.Map.of("accessKeyEnabled", "true"));
            createServiceClient(realm);
            String accessKey = createAccessKey(server, realm, REALM);
            String tuleapKey = importTuleapKey(server, realm);
            // the run outlasts /a's default 600 s; the demo realm's app token is Kanboard's documented one
            Realms.updateSettings(realm, java.util.Map.of("bearerLifetimeSeconds", "7200"));
            String bearer = loginAtA(server);
            String[] pair = tokenPair(server);
            String sessionId = sessionCookie(server);
            String csrf = "0123456789abcdefABCDEF0123456789";
            UserSeeder seeder = new UserSeeder(realm);
            List<String> apiUsers = seeder.seedApiUsers(API_USERS, "api-access");
            List<String> bcryptUsers = seeder.seedBcryptUsers(BCRYPT_USERS, "api-access");
            seeder.seedUpTo(1_000 + API_USERS);

            String base = server.realmUrl(REALM);
            String verify = server.legacyAuthUrl(REALM) + "/verify";
            String basic = Http.basic(USER, PASSWORD);
            String grant = "grant_type=password&client_id=legacy-cli&username=" + USER + "&password=" + PASSWORD;
            Supplier<HttpRequest> wellKnown = () -> HttpRequest.newBuilder(
                    URI.create(base + "/.well-known/openid-configuration")).GET().build();
            Supplier<HttpRequest> passwordGrant = () -> form(base, grant);
            Supplier<HttpRequest> clientCredentials = () -> form(base,
                    "grant_type=client_credentials&client_id=" + SERVICE_CLIENT + "&client_secret=" + SERVICE_SECRET);
            Supplier<HttpRequest> verifyBasic = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Authorization", basic).GET().build();
            Supplier<HttpRequest> verifyHeader = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("X-API-Auth", Http.b64(USER + ":" + PASSWORD)).GET().build();
            Supplier<HttpRequest> verifyKey = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("X-Auth-AccessKey", accessKey).GET().build();
            Supplier<HttpRequest> verifyTuleapKey = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("X-Auth-AccessKey", tuleapKey).GET().build();
            Supplier<HttpRequest> verifyBearer = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Authorization", "Bearer " + bearer).GET().build();
            Supplier<HttpRequest> verifyAppToken = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Authorization", Http.basic("jsonrpc", KANBOARD_TOKEN)).GET().build();

            Supplier<HttpRequest> verifyTokenPair = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("X-Auth-Token", pair[0]).header("X-Auth-UserId", pair[1]).GET().build();
            Supplier<HttpRequest> verifyCookie = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Cookie", "sessionid=" + sessionId).GET().build();
            Supplier<HttpRequest> verifyCookieCsrf = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Cookie", "sessionid=" + sessionId + "; csrftoken=" + csrf).header("X-CSRFToken", csrf)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();

            // the 1000 API users in turn, each with their own password; and wrong passwords of the same users
            AtomicInteger nextUser = new AtomicInteger();
            Supplier<HttpRequest> verifyApiUsers = () -> {
                String name = apiUsers.get(Math.floorMod(nextUser.getAndIncrement(), apiUsers.size()));
                return HttpRequest.newBuilder(URI.create(verify))
                        .header("Authorization", Http.basic(name, UserSeeder.passwordOf(name))).GET().build();
            };
            AtomicInteger nextGuess = new AtomicInteger();
            Supplier<HttpRequest> wrongPasswords = () -> {
                int guess = nextGuess.getAndIncrement();
                String name = apiUsers.get(Math.floorMod(guess, apiUsers.size()));
                return HttpRequest.newBuilder(URI.create(verify))
                        .header("Authorization", Http.basic(name, "guess-" + guess)).GET().build();
            };

            String login = "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}";
            Supplier<HttpRequest> tokensLogin = () -> HttpRequest.newBuilder(URI.create(server.legacyAuthUrl(REALM) + "/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build();
            Supplier<HttpRequest> aLogin = () -> HttpRequest.newBuilder(URI.create(server.legacyAuthUrl(REALM) + "/a"))
                    .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build();
            Supplier<HttpRequest> cookieLogin = () -> HttpRequest.newBuilder(URI.create(server.legacyAuthUrl(REALM) + "/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build();

            List<Target> targets = List.of(
                    new Target("GET well-known", 200, false, wellKnown),
                    new Target("password grant (token endpoint)", 200, false, passwordGrant),
                    new Target("/verify Basic", 200, false, verifyBasic),
                    new Target("/verify X-API-Auth", 200, false, verifyHeader),
                    new Target(TOKENS_LOGIN, 200, false, tokensLogin),
                    new Target(A_LOGIN, 200, false, aLogin),
                    new Target(COOKIE_LOGIN, 201, false, cookieLogin),
                    new Target("password grant, brute-force detection on", 200, true, passwordGrant),
                    new Target("/verify Basic, brute-force detection on", 200, true, verifyBasic),
                    new Target("client_credentials grant", 200, false, clientCredentials),
                    new Target("/verify X-Auth-AccessKey", 200, false, verifyKey),
                    new Target(IMPORTED_KEY, 200, false, verifyTuleapKey),
                    new Target("/verify Bearer (token from /a)", 200, false, verifyBearer),
                    new Target("/verify Basic jsonrpc:<app token>", 200, false, verifyAppToken),
                    new Target("/verify X-Auth-Token + X-Auth-UserId", 200, false, verifyTokenPair),
                    new Target("/verify GET, sessionid cookie", 200, false, verifyCookie),
                    new Target("/verify POST, sessionid cookie + CSRF", 200, false, verifyCookieCsrf),
                    new Target(BASIC_CACHED, 200, false, CACHE_SECONDS, verifyBasic),
                    new Target(HEADER_CACHED, 200, false, CACHE_SECONDS, verifyHeader),
                    new Target(MANY_WARM, 200, false, CACHE_SECONDS, verifyApiUsers),
                    new Target(WRONG_OFF, 401, false, 0, wrongPasswords),
                    new Target(WRONG_ON, 401, false, CACHE_SECONDS, wrongPasswords));
            // one warm-up pass over everything, so no row pays for the JIT of another; the 1000 users'
            // passwords are left out, so that their first pass (below) meets an empty cache
            for (Target target : targets) {
                if (!target.name().equals(MANY_WARM)) {
                    configureRealm(server, target);
                    run(target, concurrency, warmup, seeder.count());
                }
            }
            configureRealm(server, new Target(MANY_COLD, 200, false, CACHE_SECONDS, verifyApiUsers));
            Result cold = runOnce(MANY_COLD, apiUsers.size(), verifyApiUsers, 200, concurrency, seeder.count());
            results.addAll(interleaved(server, targets, concurrency, seconds, seeder.count()));
            results.add(cold);

            // users migrated with their bcrypt hash: each one's first request (bcrypt, then Keycloak's re-hash
            // to Argon2id), then the same users again, on Argon2id; the cache is off, so each request is a hash
            AtomicInteger nextMigrated = new AtomicInteger();
            Supplier<HttpRequest> verifyMigrated = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Authorization", Http.basic(bcryptUsers.get(Math.floorMod(nextMigrated.getAndIncrement(),
                            bcryptUsers.size())), UserSeeder.BCRYPT_PASSWORD)).GET().build();
            configureRealm(server, new Target(BCRYPT_FIRST, 200, false, 0, verifyMigrated));
            results.add(runOnce(BCRYPT_FIRST, bcryptUsers.size(), verifyMigrated, 200, concurrency, seeder.count()));
            results.add(runOnce(BCRYPT_UPGRADED, bcryptUsers.size(), verifyMigrated, 200, concurrency, seeder.count()));

            // A second realm, the demo realm again but with many users; both sizes are then measured side by
            // side, in interleaved slices, so machine drift cannot pass for an effect of the realm's size.
            RealmRepresentation large = demoRealmWithoutFixedIds(LARGE_REALM);
            server.admin().realms().create(large);
            RealmResource largeRealm = server.admin().realm(LARGE_REALM);
            Realms.updateSettings(largeRealm, java.util.Map.of("accessKeyEnabled", "true"));
            String largeKey = createAccessKey(server, largeRealm, LARGE_REALM);
            UserSeeder largeSeeder = new UserSeeder(largeRealm);
            System.out.println("Seeding " + LARGE_REALM + " up to " + manyUsers + " users ...");
            largeSeeder.seedUpTo(manyUsers);
            configureRealm(server, LARGE_REALM, false);
            String largeBase = server.realmUrl(LARGE_REALM);
            String largeVerify = server.legacyAuthUrl(LARGE_REALM) + "/verify";
            List<Target> sideBySide = List.of(
                    new Target("GET well-known", 200, false, wellKnown),
                    new Target("/verify X-Auth-AccessKey", 200, false, verifyKey),
                    new Target("GET well-known", 200, false, () -> HttpRequest.newBuilder(
                            URI.create(largeBase + "/.well-known/openid-configuration")).GET().build()),
                    new Target("/verify X-Auth-AccessKey", 200, false, () -> HttpRequest.newBuilder(
                            URI.create(largeVerify)).header("X-Auth-AccessKey", largeKey).GET().build()));
            for (Target target : sideBySide) {
                run(target, concurrency, warmup, 0);
            }
            List<Result> scale = interleaved(server, sideBySide, concurrency, seconds, 0);
            results.add(scale.get(0).withUsers(seeder.count()));
            results.add(scale.get(1).withUsers(seeder.count()));
            results.add(scale.get(2).withUsers(largeSeeder.count()));
            results.add(scale.get(3).withUsers(largeSeeder.count()));

            results.addAll(throughNginx(server, verifyKey, accessKey, concurrency, seconds, warmup, seeder.count()));
        } finally {
            server.close();
        }
        // the cluster and the two servers below run on their own, so the single server above takes no CPU from them
        results.addAll(onTheOtherNode(concurrency, seconds, warmup));
        results.addAll(metricsOnAndOff(concurrency, seconds, warmup));
        report(results, concurrency, seconds);
    }

    private static void report(List<Result> results, int concurrency, int seconds) throws java.io.IOException {
        String table = results.size() == 3 ? metricsTable(results, concurrency, seconds) : table(results, concurrency, seconds);
        System.out.println(table);
        Path out = Path.of(System.getProperty("keycloak.log.dir", "target"), "benchmark.md");
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println("Written to " + out);
    }

    /**
     * The meters' cost: three servers side by side, the same access key on each, interleaved slices. One
     * built without metrics (Micrometer's global registry has nothing behind it), one with Keycloak's
     * metrics but the extension's meters off ({@code -Dlegacy-auth.metrics=false}), one with both (every
     * request counted and timed by Keycloak and by the extension).
     */
    private static List<Result> metricsOnAndOff(int concurrency, int seconds, int warmup) throws Exception {
        System.out.println("Starting three servers: metrics off, Keycloak's meters only, Keycloak's and the extension's ...");
        Path dir = Path.of(System.getProperty("keycloak.log.dir", "target"));
        List<KeycloakServer> servers = new ArrayList<>();
        try {
            servers.add(KeycloakServer.startCopy(dir.resolve("bench-metrics-off"), false));
            servers.add(KeycloakServer.startCopy(dir.resolve("bench-metrics-keycloak"), true, false));
            servers.add(KeycloakServer.startCopy(dir.resolve("bench-metrics-on"), true));
            List<String> names = List.of(METRICS_OFF, METRICS_KEYCLOAK, METRICS_ON);
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                KeycloakServer server = servers.get(i);
                server.importRealm(DemoExamples.demoFile("legacy-demo-realm.json"));
                RealmResource realm = server.admin().realm(REALM);
                Realms.updateSettings(realm, java.util.Map.of("accessKeyEnabled", "true"));
                configureRealm(server, false);
                String key = createAccessKey(server, realm, REALM);
                String verify = server.legacyAuthUrl(REALM) + "/verify";
                targets.add(new Target(names.get(i), 200, false,
                        () -> HttpRequest.newBuilder(URI.create(verify)).header("X-Auth-AccessKey", key).GET().build()));
            }
            for (Target target : targets) {
                run(target, concurrency, warmup, 0);
            }
            int rounds = Math.max(1, seconds / SLICE_SECONDS);
            List<List<Result>> slices = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                // each round starts with another server, so that no server always follows the same one
                for (int k = 0; k < targets.size(); k++) {
                    int i = (round + k) % targets.size();
                    slices.get(i).add(run(targets.get(i), concurrency, seconds / rounds, 0));
                }
            }
            if (!servers.get(2).metrics().contains("legacy_auth_requests_total")
                    || servers.get(1).metrics().contains("legacy_auth_requests_total")) {
                throw new IllegalStateException("The extension's meters are not where they should be");
            }
            return slices.stream().map(Result::merge).toList();
        } finally {
            for (KeycloakServer server : servers) {
                server.close();
            }
        }
    }

    /**
     * The access key through the documented nginx gateway (auth_request to /verify, then the request to
     * an echo backend) beside the same key on /verify directly, interleaved.
     */
    private static List<Result> throughNginx(KeycloakServer server, Supplier<HttpRequest> verifyKey, String accessKey,
                                             int concurrency, int seconds, int warmup, long users) throws Exception {
        try (EchoBackend backend = EchoBackend.start();
             Nginx nginx = Nginx.start(Path.of(System.getProperty("docker.dir"), "nginx/templates/legacy-api.conf.template"),
                     java.util.Map.of("KEYCLOAK_UPSTREAM", "127.0.0.1:" + server.port(),
                             "LEGACY_APP_UPSTREAM", backend.address(), "LEGACY_REALM", REALM),
                     Path.of(System.getProperty("keycloak.log.dir", "target"), "bench-nginx"))) {
            String api = nginx.baseUrl() + "/api/projects";
            String echo = "http://" + backend.address() + "/api/projects";
            List<Target> gateway = List.of(
                    new Target(DIRECT_KEY, 200, false, verifyKey),
                    new Target(NGINX_KEY, 200, false, () -> HttpRequest.newBuilder(URI.create(api))
                            .header("X-Auth-AccessKey", accessKey).GET().build()),
                    new Target(BACKEND_ONLY, 200, false, () -> HttpRequest.newBuilder(URI.create(echo))
                            .header("X-Auth-AccessKey", accessKey).GET().build()));
            for (Target target : gateway) {
                run(target, concurrency, warmup, users);
            }
            configureRealm(server, false);
            return interleaved(server, gateway, concurrency, seconds, users);
        }
    }

    /** Two nodes on PostgreSQL: a key created on node 1, verified on node 2, beside node 2's well-known. */
    private static List<Result> onTheOtherNode(int concurrency, int seconds, int warmup) throws Exception {
        System.out.println("Starting a two-node cluster on PostgreSQL ...");
        try (KeycloakCluster cluster = KeycloakCluster.start(2, Path.of(System.getProperty("keycloak.log.dir", "target"),
                "bench-cluster"))) {
            cluster.awaitFormed(Duration.ofSeconds(60));
            KeycloakCluster.Node a = cluster.node(0);
            KeycloakCluster.Node b = cluster.node(1);
            RealmRepresentation demo;
            try (var json = Files.newInputStream(DemoExamples.demoFile("legacy-demo-realm.json"))) {
                demo = org.keycloak.util.JsonSerialization.readValue(json, RealmRepresentation.class);
            }
            demo.setEventsEnabled(false);
            a.admin().realms().create(demo);
            String aliceId = a.admin().realm(REALM).users().searchByUsername(USER, true).get(0).getId();
            HttpResponse<String> created = Http.send(Http.request(a.baseUrl() + "/admin/realms/" + REALM
                            + "/legacy-auth/users/" + aliceId + "/access-keys")
                    .header("Authorization", "Bearer " + a.admin().tokenManager().getAccessTokenString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"benchmark\",\"scopes\":[\"editor\"]}")));
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Could not create the key on node 1: " + created.statusCode());
            }
            String key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("key").asText();
            String bRealm = b.baseUrl() + "/realms/" + REALM;
            List<Target> nodeB = List.of(
                    new Target(WELL_KNOWN_B, 200, false, () -> HttpRequest.newBuilder(
                            URI.create(bRealm + "/.well-known/openid-configuration")).GET().build()),
                    new Target(KEY_ON_B, 200, false, () -> HttpRequest.newBuilder(URI.create(bRealm + "/legacy-auth/verify"))
                            .header("X-Auth-AccessKey", key).GET().build()));
            for (Target target : nodeB) {
                run(target, concurrency, warmup, 0);
            }
            int rounds = Math.max(1, seconds / SLICE_SECONDS);
            List<List<Result>> slices = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < nodeB.size(); i++) {
                    slices.get(i).add(run(nodeB.get(i), concurrency, seconds / rounds, 0));
                }
            }
            return slices.stream().map(Result::merge).toList();
        }
    }

    /**
     * Each target for {@code seconds} in all, in slices taken round-robin: the speed of a shared machine
     * drifts over minutes, and interleaving spreads the drift over every row alike.
     */
    private static List<Result> interleaved(KeycloakServer server, List<Target> targets, int concurrency, int seconds,
                                            long users) throws InterruptedException {
        int rounds = Math.max(1, seconds / SLICE_SECONDS);
        List<List<Result>> slices = new ArrayList<>();
        targets.forEach(target -> slices.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < targets.size(); i++) {
                configureRealm(server, targets.get(i));
                slices.get(i).add(run(targets.get(i), concurrency, seconds / rounds, users));
            }
        }
        return slices.stream().map(Result::merge).toList();
    }

    private static HttpRequest form(String realmUrl, String body) {
        return HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void createServiceClient(RealmResource realm) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(SERVICE_CLIENT);
        client.setSecret(SERVICE_SECRET);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        realm.clients().create(client).close();
    }

    private static String loginAtA(KeycloakServer server) {
        HttpResponse<String> answer = Http.send(Http.request(server.legacyAuthUrl(REALM) + "/a")
                .header("Authorization", Http.basic(USER, PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()));
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\\(\"Bearer\" \"([^\"]+)\" \\d+\\)")
                .matcher(answer.body());
        if (answer.statusCode() != 200 || !token.matches()) {
            throw new IllegalStateException("Could not log in at /a: " + answer.statusCode());
        }
        return token.group(1);
    }

    /** A Tuleap token pair of the benchmark user: {token, user id}. */
    private static String[] tokenPair(KeycloakServer server) throws Exception {
        HttpResponse<String> answer = Http.send(Http.request(server.legacyAuthUrl(REALM) + "/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Could not get a token pair: " + answer.statusCode());
        }
        com.fasterxml.jackson.databind.JsonNode pair = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        return new String[] {pair.get("token").asText(), pair.get("user_id").asText()};
    }

    /** A ZaneOps session cookie of the benchmark user. */
    private static String sessionCookie(KeycloakServer server) {
        HttpResponse<String> answer = Http.send(Http.request(server.legacyAuthUrl(REALM) + "/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")));
        String setCookie = answer.headers().firstValue("Set-Cookie").orElse("");
        if (answer.statusCode() != 201 || !setCookie.startsWith("sessionid=")) {
            throw new IllegalStateException("Could not log in at /auth/login: " + answer.statusCode());
        }
        return setCookie.substring("sessionid=".length(), setCookie.indexOf(';'));
    }

    /** A Tuleap key imported for alice by its verifier; the key as its client sends it. */
    private static String importTuleapKey(KeycloakServer server, RealmResource realm) throws Exception {
        String hex = "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";
        String verifier = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.util.HexFormat.of().parseHex(hex)));
        HttpResponse<String> imported = Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM
                        + "/legacy-auth/users/" + Realms.user(realm, USER).getId() + "/access-keys/import")
                .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"tuleap\",\"key_id\":\"1026\","
                        + "\"verifier_hash\":\"" + verifier + "\",\"scopes\":[\"editor\"]}")));
        if (imported.statusCode() != 201) {
            throw new IllegalStateException("Could not import the benchmark's Tuleap key: " + imported.statusCode());
        }
        return "tlp.k1.1026." + hex;
    }

    private static String createAccessKey(KeycloakServer server, RealmResource realm, String realmName) throws Exception {
        String aliceId = Realms.user(realm, USER).getId();
        HttpResponse<String> created = Http.send(Http.request(server.baseUrl() + "/admin/realms/" + realmName
                        + "/legacy-auth/users/" + aliceId + "/access-keys")
                .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"benchmark\",\"scopes\":[\"editor\"]}")));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not create the benchmark key: " + created.statusCode());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("key").asText();
    }

    /** Stored events would add a database write to every login, ours and Keycloak's alike: off for all rows. */
    private static void configureRealm(KeycloakServer server, boolean bruteForceDetection) {
        configureRealm(server, REALM, bruteForceDetection);
    }

    private static int passwordCacheSeconds = -1;

    /** The demo realm set as the row needs it: brute-force detection, and the password cache period. */
    private static void configureRealm(KeycloakServer server, Target target) {
        configureRealm(server, REALM, target.bruteForceDetection());
        if (target.passwordCacheSeconds() != passwordCacheSeconds) {
            Realms.updateSettings(server.admin().realm(REALM),
                    java.util.Map.of("passwordCacheSeconds", String.valueOf(target.passwordCacheSeconds())));
            passwordCacheSeconds = target.passwordCacheSeconds();
        }
    }

    /**
     * {@code count} requests, once each, shared by {@code concurrency} threads: the first pass over the
     * users, each password checked for the first time.
     */
    static Result runOnce(String name, int count, Supplier<HttpRequest> requests, int expectedStatus, int concurrency,
                          long users) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger taken = new AtomicInteger();
        long[] latencies = new long[count];
        java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(new Thread(() -> {
                for (int i = taken.getAndIncrement(); i < count; i = taken.getAndIncrement()) {
                    long start = System.nanoTime();
                    try {
                        if (client.send(requests.get(), HttpResponse.BodyHandlers.ofByteArray()).statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - start;
                }
            }));
        }
        long begin = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(latencies);
        return new Result(name, users, count, errors.get(), elapsed, latencies);
    }

    private static void configureRealm(KeycloakServer server, String name, boolean bruteForceDetection) {
        RealmRepresentation realm = server.admin().realm(name).toRepresentation();
        realm.setEventsEnabled(false);
        realm.setBruteForceProtected(bruteForceDetection);
        server.admin().realm(name).update(realm);
    }

    /** The demo realm under another name: the ids the demo file fixes (and what hangs on them) left out. */
    private static RealmRepresentation demoRealmWithoutFixedIds(String name) throws Exception {
        RealmRepresentation realm;
        try (var json = Files.newInputStream(DemoExamples.demoFile("legacy-demo-realm.json"))) {
            realm = org.keycloak.util.JsonSerialization.readValue(json, RealmRepresentation.class);
        }
        realm.setRealm(name);
        realm.setId(null);
        realm.getUsers().forEach(user -> {
            user.setId(null);
            user.setAttributes(null);
        });
        realm.getRoles().getRealm().forEach(role -> role.setId(null));
        realm.getAuthenticationFlows().forEach(flow -> flow.setId(null));
        realm.getClients().forEach(client -> client.setAuthenticationFlowBindingOverrides(null));
        return realm;
    }

    static Result run(Target target, int concurrency, int seconds, long users) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> perThread = new ArrayList<>();
        long[] errors = new long[concurrency];
        int[] counts = new int[concurrency];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            long[] latencies = new long[1 << 20];
            perThread.add(latencies);
            int id = t;
            threads.add(new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(target.request().get(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (running.get() && response.statusCode() != target.expectedStatus()) {
                            errors[id]++;
                        }
                        if (!running.get() || counts[id] >= latencies.length) {
                            break;
                        }
                        latencies[counts[id]++] = System.nanoTime() - start;
                    } catch (Exception e) {
                        if (running.get()) {
                            errors[id]++;
                        }
                    }
                }
            }));
        }
        long begin = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int offset = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, offset, counts[t]);
            offset += counts[t];
        }
        Arrays.sort(all);
        return new Result(target.name(), users, all.length, Arrays.stream(errors).sum(), elapsed, all);
    }

    static String table(List<Result> results, int concurrency, int seconds) {
        Result wellKnown = find(results, "GET well-known", 0);
        // the x-columns compare with the rows measured beside each row (same phase, same realm size)
        Result passwordGrant = find(results, "password grant (token endpoint)", 0);
        Result clientCredentials = find(results, "client_credentials grant", 0);
        StringBuilder out = new StringBuilder()
                .append("Keycloak ").append(System.getProperty("keycloak.version", "")).append(" + keycloak-legacy-auth, ")
                .append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, concurrency ").append(concurrency).append(", ").append(seconds).append(" s per row\n\n")
                .append("| request | users | ok req/s | p50 ms | p99 ms | refused | x well-known | x password grant | x client_credentials |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %.3f | %.2f | %.2f |%n",
                    r.name(), r.users(), r.perSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.errors(),
                    r.perSecond() / wellKnown.perSecond(), r.perSecond() / passwordGrant.perSecond(),
                    r.perSecond() / clientCredentials.perSecond()));
        }
        Result key = find(results, "/verify X-Auth-AccessKey", 0);
        Result keyFew = find(results, "/verify X-Auth-AccessKey", 1);
        Result keyMany = find(results, "/verify X-Auth-AccessKey", 2);
        Result basicVerify = find(results, "/verify Basic", 0);
        Result bearerVerify = find(results, "/verify Bearer (token from /a)", 0);
        Result tokenPairVerify = find(results, "/verify X-Auth-Token + X-Auth-UserId", 0);
        Result cookieVerify = find(results, "/verify GET, sessionid cookie", 0);
        Result cookieCsrfVerify = find(results, "/verify POST, sessionid cookie + CSRF", 0);
        Result wellKnownFew = find(results, "GET well-known", 1);
        Result wellKnownMany = find(results, "GET well-known", 2);
        out.append(String.format(Locale.ROOT, "%nRatios of this run:%n"
                        + "- Basic /verify / password grant = %.2f%n"
                        + "- access key /verify / well-known = %.2f; / client_credentials = %.2f%n"
                        + "- bearer /verify / well-known = %.2f%n"
                        + "- token pair /verify / well-known = %.2f%n"
                        + "- session cookie /verify / well-known = %.2f (GET), %.2f (POST with CSRF)%n"
                        + "- access key /verify in a realm of %d users / of %d users, measured side by side = %.2f"
                        + " (each against its realm's well-known: %.2f / %.2f = %.2f)%n",
                basicVerify.perSecond() / passwordGrant.perSecond(), key.perSecond() / wellKnown.perSecond(),
                key.perSecond() / clientCredentials.perSecond(), bearerVerify.perSecond() / wellKnown.perSecond(),
                tokenPairVerify.perSecond() / wellKnown.perSecond(), cookieVerify.perSecond() / wellKnown.perSecond(),
                cookieCsrfVerify.perSecond() / wellKnown.perSecond(),
                keyMany.users(), keyFew.users(),
                keyMany.perSecond() / keyFew.perSecond(),
                keyMany.perSecond() / wellKnownMany.perSecond(), keyFew.perSecond() / wellKnownFew.perSecond(),
                (keyMany.perSecond() / wellKnownMany.perSecond()) / (keyFew.perSecond() / wellKnownFew.perSecond())));
        Result direct = find(results, DIRECT_KEY, 0);
        Result nginx = find(results, NGINX_KEY, 0);
        Result wellKnownB = find(results, WELL_KNOWN_B, 0);
        Result keyOnB = find(results, KEY_ON_B, 0);
        out.append(String.format(Locale.ROOT,
                "- password logins / password grant: X-API-Auth /verify = %.2f; POST /tokens = %.2f; POST /a = %.2f;"
                        + " POST /auth/login = %.2f%n",
                find(results, "/verify X-API-Auth", 0).perSecond() / passwordGrant.perSecond(),
                find(results, TOKENS_LOGIN, 0).perSecond() / passwordGrant.perSecond(),
                find(results, A_LOGIN, 0).perSecond() / passwordGrant.perSecond(),
                find(results, COOKIE_LOGIN, 0).perSecond() / passwordGrant.perSecond()));
        Result cold = find(results, MANY_COLD, 0);
        Result warm = find(results, MANY_WARM, 0);
        out.append(String.format(Locale.ROOT,
                "- password cache on, the same credential again / well-known: Basic /verify = %.2f; X-API-Auth /verify = %.2f"
                        + " (goal: at least 0.5)%n"
                        + "- password cache off, Basic /verify / password grant = %.2f (goal: at least 0.9)%n"
                        + "- 1000 users with their own passwords, cache on: cold (first pass) %.1f req/s, warm %.1f req/s;"
                        + " warm / cold = %.1f; warm / well-known = %.2f%n"
                        + "- wrong passwords, cache on / cache off = %.2f (goal: about 1.0, brute force no faster)%n",
                find(results, BASIC_CACHED, 0).perSecond() / wellKnown.perSecond(),
                find(results, HEADER_CACHED, 0).perSecond() / wellKnown.perSecond(),
                basicVerify.perSecond() / passwordGrant.perSecond(),
                cold.perSecond(), warm.perSecond(), warm.perSecond() / cold.perSecond(), warm.perSecond() / wellKnown.perSecond(),
                find(results, WRONG_ON, 0).perSecond() / find(results, WRONG_OFF, 0).perSecond()));
        out.append(String.format(Locale.ROOT, "- imported Tuleap key /verify / our own access key /verify = %.2f%n",
                find(results, IMPORTED_KEY, 0).perSecond() / find(results, "/verify X-Auth-AccessKey", 0).perSecond()));
        out.append(String.format(Locale.ROOT,
                "- a user migrated with a bcrypt-10 hash, Basic /verify, cache off: first request / after the upgrade"
                        + " to Argon2id = %.2f%n",
                find(results, BCRYPT_FIRST, 0).perSecond() / find(results, BCRYPT_UPGRADED, 0).perSecond()));
        Result backendOnly = find(results, BACKEND_ONLY, 0);
        out.append(String.format(Locale.ROOT,
                "- access key through nginx (auth_request to /verify, then the backend) / the backend alone = %.2f%n",
                nginx.perSecond() / backendOnly.perSecond()));
        out.append(String.format(Locale.ROOT,
                "- access key through nginx (auth_request to /verify, then the backend) / /verify directly = %.2f%n"
                        + "- access key /verify on node 2 (key created on node 1) / node 2's well-known = %.2f%n",
                nginx.perSecond() / direct.perSecond(), keyOnB.perSecond() / wellKnownB.perSecond()));
        return out.append(metricsRatio(results)).toString();
    }

    /** {@code -Dbench.only=metrics}: the two rows and their ratio. */
    static String metricsTable(List<Result> results, int concurrency, int seconds) {
        StringBuilder out = new StringBuilder()
                .append("Keycloak ").append(System.getProperty("keycloak.version", "")).append(" + keycloak-legacy-auth, ")
                .append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, concurrency ").append(concurrency).append(", ").append(seconds).append(" s per row\n\n")
                .append("| request | ok req/s | p50 ms | p99 ms | refused |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", r.name(), r.perSecond(),
                    r.percentileMillis(0.50), r.percentileMillis(0.99), r.errors()));
        }
        return out.append('\n').append(metricsRatio(results)).toString();
    }

    private static String metricsRatio(List<Result> results) {
        double on = find(results, METRICS_ON, 0).perSecond();
        return String.format(Locale.ROOT, "- access key /verify, the extension's meters: with / without them (Keycloak's"
                        + " metrics on in both) = %.2f (goal: at least 0.95); metrics on / metrics off, all meters = %.2f%n",
                on / find(results, METRICS_KEYCLOAK, 0).perSecond(), on / find(results, METRICS_OFF, 0).perSecond());
    }

    /** The n-th result of that name (0 = first). */
    private static Result find(List<Result> results, String name, int n) {
        return results.stream().filter(r -> r.name().equals(name)).skip(n).findFirst().orElseThrow();
    }
}
