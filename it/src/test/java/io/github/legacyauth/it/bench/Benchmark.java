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
import java.util.function.Supplier;

import org.keycloak.representations.idm.RealmRepresentation;

import io.github.legacyauth.it.demo.DemoExamples;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;

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

    private Benchmark() {
    }

    record Target(String name, int expectedStatus, boolean bruteForceDetection, Supplier<HttpRequest> request) {
    }

    record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos) {

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

        KeycloakServer server = KeycloakServer.start();
        try {
            server.importRealm(DemoExamples.demoFile("legacy-demo-realm.json"));

            String base = server.realmUrl(REALM);
            String verify = server.legacyAuthUrl(REALM) + "/verify";
            String basic = Http.basic(USER, PASSWORD);
            String grant = "grant_type=password&client_id=legacy-cli&username=" + USER + "&password=" + PASSWORD;
            Supplier<HttpRequest> wellKnown = () -> HttpRequest.newBuilder(
                    URI.create(base + "/.well-known/openid-configuration")).GET().build();
            Supplier<HttpRequest> passwordGrant = () -> HttpRequest.newBuilder(
                    URI.create(base + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(grant)).build();
            Supplier<HttpRequest> verifyBasic = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("Authorization", basic).GET().build();
            Supplier<HttpRequest> verifyHeader = () -> HttpRequest.newBuilder(URI.create(verify))
                    .header("X-API-Auth", Http.b64(USER + ":" + PASSWORD)).GET().build();
            List<Target> targets = List.of(
                    new Target("GET well-known", 200, false, wellKnown),
                    new Target("password grant (token endpoint)", 200, false, passwordGrant),
                    new Target("/verify Basic", 200, false, verifyBasic),
                    new Target("/verify X-API-Auth", 200, false, verifyHeader),
                    new Target("password grant, brute-force detection on", 200, true, passwordGrant),
                    new Target("/verify Basic, brute-force detection on", 200, true, verifyBasic));

            List<Result> results = new ArrayList<>();
            for (Target target : targets) {
                configureRealm(server, target.bruteForceDetection());
                run(target, concurrency, warmup);
                results.add(run(target, concurrency, seconds));
            }
            String table = table(results, concurrency, seconds);
            System.out.println(table);
            Path out = Path.of(System.getProperty("keycloak.log.dir", "target"), "benchmark.md");
            Files.writeString(out, table, StandardCharsets.UTF_8);
            System.out.println("Written to " + out);
        } finally {
            server.close();
        }
    }

    /** Stored events would add a database write to every login, ours and Keycloak's alike: off for all rows. */
    private static void configureRealm(KeycloakServer server, boolean bruteForceDetection) {
        RealmRepresentation realm = server.admin().realm(REALM).toRepresentation();
        realm.setEventsEnabled(false);
        realm.setBruteForceProtected(bruteForceDetection);
        server.admin().realm(REALM).update(realm);
    }

    static Result run(Target target, int concurrency, int seconds) throws InterruptedException {
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
                        if (response.statusCode() != target.expectedStatus()) {
                            errors[id]++;
                        }
                    } catch (Exception e) {
                        errors[id]++;
                    }
                    if (running.get() && counts[id] < latencies.length) {
                        latencies[counts[id]++] = System.nanoTime() - start;
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
        return new Result(target.name(), all.length, Arrays.stream(errors).sum(), elapsed, all);
    }

    static String table(List<Result> results, int concurrency, int seconds) {
        Result wellKnown = results.get(0);
        Result passwordGrant = results.get(1);
        StringBuilder out = new StringBuilder()
                .append("Keycloak ").append(System.getProperty("keycloak.version", "")).append(" + keycloak-legacy-auth, ")
                .append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, concurrency ").append(concurrency).append(", ").append(seconds).append(" s per row\n\n")
                .append("| request | ok req/s | p50 ms | p99 ms | refused | x well-known | x password grant |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d | %.3f | %.2f |%n", r.name(),
                    r.perSecond(), r.percentileMillis(0.50), r.percentileMillis(0.99), r.errors(),
                    r.perSecond() / wellKnown.perSecond(), r.perSecond() / passwordGrant.perSecond()));
        }
        return out.toString();
    }
}
