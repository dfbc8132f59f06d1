package io.github.legacyauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakCluster;
import io.github.legacyauth.it.harness.KeycloakCluster.Node;
import io.github.legacyauth.it.harness.KeycloakDistribution;
import io.github.legacyauth.it.harness.Postgres;

/**
 * Faults under load, on two Keycloak nodes sharing a PostgreSQL database of the test's own: sustained
 * mixed traffic of every scheme at both nodes (good credentials, and wrong, unknown, forbidden, forged,
 * expired, revoked, deleted and signed-out ones), while keys and token pairs are created and revoked,
 * and meanwhile
 * <ol>
 *   <li>node 1 is killed with SIGKILL, node 2 keeps serving, node 1 is started again and rejoins;</li>
 *   <li>PostgreSQL is stopped, left down a few seconds, and started again;</li>
 *   <li>a key is revoked and a token pair deleted on node 2 while node 1 is under load.</li>
 * </ol>
 * It asserts that no bad credential is ever answered 200 on either node; that the extension's paths never
 * answer 500 or with a stack trace, and answer 503 with {@code Retry-After} when they cannot decide; that
 * every credential issued before a fault works after it on both nodes, and the settings are intact. It
 * prints, per phase, the answers by scheme and status, the recovery times, and Keycloak's own token
 * endpoint beside the extension's paths; the tables are also written to {@code target/fault/report.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    static final String REALM = "legacy-demo";
    static final String PASSWORD = "alice-demo-password";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BEARER = Pattern.compile("\\(\"Bearer\" \"([A-Za-z0-9_.-]+)\" (\\d+)\\)");
    /** Seconds of each steady stretch; {@code -Dfault.seconds}. */
    static final int STEADY = Integer.getInteger("fault.seconds", 8);
    static final int DATABASE_DOWN_SECONDS = 8;
    static final int WORKERS = 4;

    static Postgres postgres;
    static KeycloakCluster cluster;
    static Node a;
    static Node b;
    static String aliceId;

    /** One answer the load received. */
    record Answer(long at, String phase, String node, String row, boolean good, boolean ours, int status,
                  boolean retryAfter, boolean stackTrace, long millis, boolean extension503) {

        /** Accepted: 200, or the 201/204 of an admin call. */
        boolean passed() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * What the load sends: a row of the table, whether it must pass when sent at a time (ms) to a node
     * (true: a good credential; false: it must never pass; null: between states, not judged), and the
     * request for a node.
     */
    record Probe(String row, Judge goodAt, boolean ours, Function<Node, HttpRequest> request) {
    }

    interface Judge {
        Boolean good(long at, String node);
    }

    static final Queue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    static final List<Probe> PROBES = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, Long> MARKS = new ConcurrentHashMap<>();
    static volatile String phase = "steady";
    static volatile boolean nodeADown;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final long T0 = System.nanoTime();

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Path.of("target/fault").toAbsolutePath();
        postgres = Postgres.start(dir.resolve("postgres"), KeycloakCluster.DATABASE);
        // one public name for both nodes, as behind a load balancer: a token either node issues names the same issuer
        cluster = KeycloakCluster.start(2, dir, postgres.hostAndPort(),
                "--hostname=http://localhost:" + KeycloakDistribution.freePort());
        cluster.awaitFormed(Duration.ofSeconds(90));
        a = cluster.node(0);
        b = cluster.node(1);
        RealmRepresentation demo = JsonSerialization.readValue(
                Files.readString(Path.of(System.getProperty("demo.dir"), "legacy-demo-realm.json")), RealmRepresentation.class);
        a.admin().realms().create(demo);
        aliceId = a.admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * Keycloak 26 can bring a deleted session back into its cache (keycloak/keycloak#51127: a lookup that
     * missed the cache while the session was being deleted puts the row it read back). The attack here
     * brings the session's rows back into the database after a {@code DELETE /tokens/{t}} and a cookie
     * logout, so Keycloak's next lookup on either node finds the session again: it must stay refused.
     */
    @Test
    @Order(1)
    void aDeletedTokenPairOrSessionCookieWhoseSessionComesBackStaysRefused() throws Exception {
        String token = post(b, "/tokens", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")
                .get("token").asText();
        Function<Node, HttpRequest> pair = node -> verify(node).header("X-Auth-Token", token)
                .header("X-Auth-UserId", aliceId).build();
        String cookies = login(a, "alice", PASSWORD);
        String csrf = cookies.substring(cookies.indexOf("csrftoken=") + "csrftoken=".length());
        Function<Node, HttpRequest> cookie = node -> verify(node).header("Cookie", cookies).header("X-CSRFToken", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        for (Node node : new Node[] {a, b}) {
            assertThat(send(node, pair.apply(node)).status).as("token pair on " + node.name()).isEqualTo(200);
            assertThat(send(node, cookie.apply(node)).status).as("session cookie on " + node.name()).isEqualTo(200);
        }
        String sessions = "'" + sessionIdOf(token) + "', '" + sessionIdOf(cookies.substring("sessionid=".length(),
                cookies.indexOf(';'))) + "'";
        postgres.query(KeycloakCluster.DATABASE, "create table kept_user_sessions as select * from offline_user_session"
                + " where user_session_id in (" + sessions + ")");
        postgres.query(KeycloakCluster.DATABASE, "create table kept_client_sessions as select * from"
                + " offline_client_session where user_session_id in (" + sessions + ")");
        assertThat(postgres.query(KeycloakCluster.DATABASE, "select count(*) from kept_user_sessions")).isEqualTo("2");

        assertThat(send(b, HttpRequest.newBuilder(URI.create(b.legacyAuthUrl(REALM) + "/tokens/" + token)).DELETE()
                .build()).status).isEqualTo(204);
        assertThat(send(b, HttpRequest.newBuilder(URI.create(b.legacyAuthUrl(REALM) + "/auth/logout"))
                .header("Cookie", cookies).header("X-CSRFToken", csrf).DELETE().build()).status).isEqualTo(204);
        for (Node node : new Node[] {a, b}) {
            assertThat(send(node, pair.apply(node)).status).as("deleted token pair on " + node.name()).isEqualTo(401);
            assertThat(send(node, cookie.apply(node)).status).as("signed-out cookie on " + node.name()).isEqualTo(401);
        }

        postgres.query(KeycloakCluster.DATABASE, "insert into offline_user_session select * from kept_user_sessions");
        postgres.query(KeycloakCluster.DATABASE, "insert into offline_client_session select * from kept_client_sessions");
        assertThat(postgres.query(KeycloakCluster.DATABASE, "select count(*) from offline_user_session where"
                + " user_session_id in (" + sessions + ")")).as("the sessions are back in the database").isEqualTo("2");
        for (Node node : new Node[] {a, b}) {
            assertThat(send(node, pair.apply(node)).status).as("token pair brought back, on " + node.name())
                    .isEqualTo(401);
            assertThat(send(node, cookie.apply(node)).status).as("session cookie brought back, on " + node.name())
                    .isEqualTo(401);
        }
        assertThat(postgres.query(KeycloakCluster.DATABASE, "select count(*) from offline_user_session where"
                + " user_session_id in (" + sessions + ")")).as("ended again where found").isEqualTo("0");
        postgres.query(KeycloakCluster.DATABASE, "drop table kept_user_sessions; drop table kept_client_sessions");
    }

    /** The Keycloak session id an issued secret names ({@code <prefix>_<32 hex><secret>}). */
    static String sessionIdOf(String secret) {
        String hex = secret.substring(secret.indexOf('_') + 1, secret.indexOf('_') + 33);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    @Test
    @Order(2)
    void noFaultLetsABadCredentialThroughLosesDataOrAnswers500() throws Exception {
        Map<String, String> settingsBefore = settings(a);
        Survivors survivors = issueSurvivors();
        addProbes(survivors);
        HttpResponse<String> grant = Http.send(Http.request(a.baseUrl() + "/realms/" + REALM
                + "/protocol/openid-connect/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=legacy-cli&username=alice"
                        + "&password=" + PASSWORD)));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        accountToken = JSON.readTree(grant.body()).get("access_token").asText();

        // a token pair whose rows leave the database while Keycloak's caches keep it, as a copy
        // keycloak#51127 brought back would: refused once its last access is a minute old
        String orphan = post(b, "/tokens", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")
                .get("token").asText();
        Function<Node, HttpRequest> orphaned = node -> verify(node).header("X-Auth-Token", orphan)
                .header("X-Auth-UserId", aliceId).build();
        assertThat(send(a, orphaned.apply(a)).status).isEqualTo(200);
        String orphanId = "'" + sessionIdOf(orphan) + "'";
        postgres.query(KeycloakCluster.DATABASE, "delete from offline_client_session where user_session_id = " + orphanId
                + "; delete from offline_user_session where user_session_id = " + orphanId);
        System.out.printf("Token pair whose rows are gone, from the caches at once: %d on node 1, %d on node 2%n",
                send(a, orphaned.apply(a)).status, send(b, orphaned.apply(b)).status);
        long orphanedAt = System.nanoTime();

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(() -> load(running), "fault-load-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        Thread churn = new Thread(() -> churn(running), "fault-churn");
        churn.setDaemon(true);
        churn.start();

        Map<String, String> recovery = new LinkedHashMap<>();
        try {
            phase("steady", STEADY);

            // 1. node 1 killed, node 2 serving, node 1 back
            nodeADown = true;
            enter("node 1 killed");
            mark("kill");
            a.kill();
            sleep(STEADY * 1000L);
            enter("node 1 starting");
            mark("node 1 start");
            a.startAgain();
            mark("node 1 ready");
            nodeADown = false;
            phase("node 1 back", STEADY);
            survivors.assertAllPass("after node 1 was killed and restarted");

            // 2. PostgreSQL stopped, down, started: with the realm's login events stored (the demo realm),
            // then again with events off, where more can be decided from Keycloak's caches
            databaseOutage("");
            survivors.assertAllPass("after the database restart");
            storeEvents(false);
            // the realm changed: each node caches it again with its next request (a realm a node has not
            // cached when the database goes is answered by Keycloak itself, before the extension runs)
            phase("steady" + EVENTS_OFF, STEADY / 2);
            databaseOutage(EVENTS_OFF);
            survivors.assertAllPass("after the second database restart");
            storeEvents(true);

            // 3. revocation on node 2 while node 1 is under load
            enter("revocation");
            recovery.putAll(revokeUnderLoad());
            sleep(STEADY * 1000L);
        } finally {
            running.set(false);
            for (Thread worker : workers) {
                worker.join(30_000);
            }
            churn.join(30_000);
        }
        assertThat(System.nanoTime() - orphanedAt).as("a minute has passed").isGreaterThan(60_000_000_000L);
        for (Node node : new Node[] {a, b}) {
            assertThat(send(node, orphaned.apply(node)).status).as("a token pair no longer in the database, on "
                    + node.name()).isEqualTo(401);
        }
        assertThat(settings(a)).as("settings on node 1 after every fault").isEqualTo(settingsBefore);
        assertThat(settings(b)).as("settings on node 2 after every fault").isEqualTo(settingsBefore);
        survivors.assertAllPass("at the end");
        CHURN_LIVE.forEach((key, churned) -> {
            for (Node node : new Node[] {a, b}) {
                assertThat(send(node, verify(node).header("X-Auth-AccessKey", key)).status)
                        .as("a key created during the run and not revoked, on " + node.name()).isEqualTo(200);
            }
        });

        List<Answer> answers = new ArrayList<>(ANSWERS);
        recovery.putAll(recoveryTimes(answers));
        String report = report(answers, recovery);
        System.out.println(report);
        Files.writeString(Path.of("target/fault/report.md"), report, StandardCharsets.UTF_8);

        List<String> violations = violations(answers);
        assertThat(violations).as("violations (of %d answers)", answers.size()).isEmpty();
        long goodDuringOutage = answers.stream().filter(x -> x.ours && x.phase.startsWith("database down")).count();
        assertThat(goodDuringOutage).as("the load reached the extension while the database was down").isPositive();
        assertThat(answers.stream().filter(x -> x.ours && x.status == 503).count())
                .as("answers 503 while the database was down").isPositive();
    }

    static final String EVENTS_OFF = ", events off";

    /** Stops PostgreSQL, leaves it down, starts it, and lets the load run on; phases and marks end in {@code label}. */
    static void databaseOutage(String label) {
        enter("database down" + label);
        mark("database stop" + label);
        postgres.stop();
        mark("database stopped" + label);
        sleep(DATABASE_DOWN_SECONDS * 1000L);
        enter("database back" + label);
        postgres.start();
        mark("database started" + label);
        sleep(STEADY * 2000L);
        mark("database steady end" + label);
    }

    /** Whether the realm stores login events (the demo realm does). */
    static void storeEvents(boolean on) {
        RealmRepresentation realm = a.admin().realm(REALM).toRepresentation();
        realm.setEventsEnabled(on);
        a.admin().realm(REALM).update(realm);
    }

    // ---------------------------------------------------------------------------------------------
    // What is checked

    static List<String> violations(List<Answer> answers) {
        List<String> violations = new ArrayList<>();
        for (Answer answer : answers) {
            String where = answer.row + " on " + answer.node + " during '" + answer.phase + "' at "
                    + answer.at + " ms";
            if (!answer.good && answer.passed()) {
                violations.add("FALSE ACCEPT: " + where);
            }
            if (answer.ours && (answer.status == 500 || answer.status > 503 || answer.status == 502)) {
                violations.add("answered " + answer.status + ": " + where);
            }
            if (answer.extension503 && !answer.retryAfter) {
                violations.add("503 without Retry-After: " + where);
            }
            if (answer.stackTrace) {
                violations.add("stack trace in the body: " + where);
            }
            if (answer.good && answer.ours && !answer.passed() && answer.phase.startsWith("steady")) {
                violations.add("good credential refused (" + answer.status + ") before any fault: " + where);
            }
        }
        return violations;
    }

    /** From each restart to the first 200 of a good credential on the node, and to steady 200s. */
    static Map<String, String> recoveryTimes(List<Answer> answers) {
        Map<String, String> times = new LinkedHashMap<>();
        long nodeStart = MARKS.get("node 1 start");
        long nodeReady = MARKS.get("node 1 ready");
        times.put("node 1: start to ready (kc.sh start --optimized)", (nodeReady - nodeStart) + " ms");
        times.put("node 1: start to first 200", since(nodeStart, first200(answers, "node-1", nodeStart)));
        times.put("node 1: start to steady 200s", since(nodeStart, steady(answers, "node-1", nodeStart,
                MARKS.get("database stop"))));
        for (String label : List.of("", EVENTS_OFF)) {
            long dbStarted = MARKS.get("database started" + label);
            long dbStop = MARKS.get("database stop" + label);
            String what = "database" + label + ": ";
            times.put(what + "stop command to stopped", (MARKS.get("database stopped" + label) - dbStop) + " ms");
            for (String node : List.of("node-1", "node-2")) {
                times.put(what + "started to first 200 on " + node, since(dbStarted, first200(answers, node, dbStarted)));
                times.put(what + "started to steady 200s on " + node, since(dbStarted, steady(answers, node, dbStarted,
                        MARKS.get("database steady end" + label))));
            }
        }
        return times;
    }

    static long first200(List<Answer> answers, String node, long from) {
        return answers.stream().filter(x -> x.ours && x.good && x.node.equals(node) && x.at >= from && x.passed())
                .mapToLong(Answer::at).min().orElse(-1);
    }

    /** The earliest time after which every good answer on the node until {@code to} is a 200. */
    static long steady(List<Answer> answers, String node, long from, long to) {
        long lastBad = answers.stream().filter(x -> x.ours && x.good && x.node.equals(node) && x.at >= from && x.at < to
                && !x.passed()).mapToLong(Answer::at).max().orElse(from);
        return answers.stream().filter(x -> x.ours && x.good && x.node.equals(node) && x.at >= lastBad && x.at < to
                && x.passed()).mapToLong(Answer::at).min().orElse(-1);
    }

    static String since(long from, long at) {
        return at < 0 ? "never" : (at - from) + " ms";
    }

    /** The scheme a row of the load belongs to, for the summary. */
    static String scheme(String row) {
        for (String scheme : List.of("basic", "header", "access key", "token pair", "session cookie", "bearer",
                "app token", "admin", "account", "kc-token")) {
            if (row.startsWith(scheme)) {
                return scheme;
            }
        }
        return row;
    }

    /**
     * One row per scheme, one column per phase; a cell counts the answers to good credentials that passed
     * and did not, and to bad ones that were refused and passed: {@code ok/not ok · refused/passed}.
     */
    static String summary(List<Answer> answers) {
        List<String> phases = List.copyOf(PHASES);
        Map<String, Map<String, int[]>> cells = new TreeMap<>();
        for (Answer answer : answers) {
            int[] cell = cells.computeIfAbsent(scheme(answer.row), k -> new LinkedHashMap<>())
                    .computeIfAbsent(answer.phase, k -> new int[6]);
            if (answer.status == 0) {
                cell[4]++;
            } else if (answer.extension503) {
                cell[5]++;
            } else if (answer.good) {
                cell[answer.passed() ? 0 : 1]++;
            } else {
                cell[answer.passed() ? 3 : 2]++;
            }
        }
        StringBuilder out = new StringBuilder("| scheme |");
        phases.forEach(p -> out.append(' ').append(p).append(" |"));
        out.append("\n|---|");
        phases.forEach(p -> out.append("---|"));
        out.append('\n');
        cells.forEach((scheme, byPhase) -> {
            out.append("| ").append(scheme).append(" |");
            for (String p : phases) {
                int[] c = byPhase.getOrDefault(p, new int[6]);
                out.append(' ').append(c[0]).append('/').append(c[1]).append(" · ").append(c[2]).append('/')
                        .append(c[3]).append(" · ").append(c[5]).append(" · ").append(c[4]).append(" |");
            }
            out.append('\n');
        });
        return out.append("\nA cell: good credentials passed/not passed · bad credentials refused/passed (a false"
                + " accept) · the extension's 503 · no answer (node down). Not passed includes Keycloak's own answers:"
                + " its 503 while a node starts, its 500 when a realm is not in the node's cache.\n").toString();
    }

    static String report(List<Answer> answers, Map<String, String> recovery) {
        StringBuilder out = new StringBuilder("## Faults under load: summary\n\n").append(summary(answers))
                .append("\n## Answers by phase, row and status\n\n");
        Map<String, Map<String, Map<String, Integer>>> byPhase = new LinkedHashMap<>();
        Map<String, Map<String, Long>> slowest = new LinkedHashMap<>();
        List<String> statuses = List.of("200", "401", "403", "503", "503 kc", "500", "other", "down");
        for (Answer answer : answers.stream().sorted(java.util.Comparator.comparingLong(Answer::at)).toList()) {
            String status = switch (answer.status) {
                case 201, 204 -> "200"; // an admin call's success
                case 503 -> answer.extension503 ? "503" : "503 kc";
                case 200, 401, 403, 500 -> String.valueOf(answer.status);
                case 0 -> "down";
                default -> "other";
            };
            byPhase.computeIfAbsent(answer.phase, k -> new LinkedHashMap<>())
                    .computeIfAbsent(answer.row + (answer.good ? "" : " (bad)"), k -> new TreeMap<>())
                    .merge(status, 1, Integer::sum);
            slowest.computeIfAbsent(answer.phase, k -> new LinkedHashMap<>())
                    .merge(answer.row + (answer.good ? "" : " (bad)"), answer.millis, Math::max);
        }
        for (var phaseRows : PHASES.stream().filter(byPhase::containsKey)
                .map(p -> Map.entry(p, byPhase.get(p))).toList()) {
            out.append("### ").append(phaseRows.getKey()).append("\n\n| row |");
            statuses.forEach(s -> out.append(' ').append(s).append(" |"));
            out.append(" slowest ms |\n|---|");
            statuses.forEach(s -> out.append("---:|"));
            out.append("---:|\n");
            new TreeMap<>(phaseRows.getValue()).forEach((row, counts) -> {
                out.append("| ").append(row).append(" |");
                statuses.forEach(s -> out.append(' ').append(counts.getOrDefault(s, 0)).append(" |"));
                out.append(' ').append(slowest.get(phaseRows.getKey()).get(row)).append(" |\n");
            });
            out.append('\n');
        }
        out.append("### Recovery\n\n| measure | time |\n|---|---:|\n");
        recovery.forEach((what, time) -> out.append("| ").append(what).append(" | ").append(time).append(" |\n"));
        out.append("\n`200` includes an admin call's 201 and 204. `503`: the extension's (JSON `temporarily_unavailable`,"
                + " `Retry-After`); `503 kc`: Keycloak's own, while a node starts. `down`: connection refused or timed"
                + " out (the node was not running). Rows marked (bad) must never pass. `kc-token` is Keycloak's own"
                + " token endpoint (password grant), for comparison. `slowest ms`: the longest answer of the row.\n");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // The credentials

    /** Credentials issued before the faults, that must pass on both nodes after each. */
    static final class Survivors {
        final Map<String, Function<Node, HttpRequest>> requests = new LinkedHashMap<>();

        void assertAllPass(String when) {
            for (Node node : new Node[] {a, b}) {
                requests.forEach((row, request) -> {
                    // a node just back may need a moment for its first answer; a lost record never passes
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    Result result = send(node, request.apply(node));
                    while (result.status != 200 && System.nanoTime() < deadline) {
                        sleep(250);
                        result = send(node, request.apply(node));
                    }
                    assertThat(result.status).as("%s on %s %s", row, node.name(), when).isEqualTo(200);
                });
            }
        }
    }

    static Survivors issueSurvivors() throws Exception {
        Survivors survivors = new Survivors();
        String key = createKey(a, "fault survivor", null).get("key").asText();
        survivors.requests.put("access key", node -> verify(node).header("X-Auth-AccessKey", key).build());

        JsonNode pair = post(a, "/tokens", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
        String token = pair.get("token").asText();
        survivors.requests.put("token pair", node -> verify(node).header("X-Auth-Token", token)
                .header("X-Auth-UserId", aliceId).build());

        String cookies = login(b, "alice", PASSWORD);
        String csrf = cookies.substring(cookies.indexOf("csrftoken=") + "csrftoken=".length());
        survivors.requests.put("session cookie", node -> verify(node).header("Cookie", cookies)
                .header("X-CSRFToken", csrf).POST(HttpRequest.BodyPublishers.noBody()).build());

        String bearer = bearer(b, "alice", PASSWORD);
        survivors.requests.put("bearer (/a)", node -> verify(node).header("Authorization", "Bearer " + bearer).build());

        HttpResponse<String> appToken = ClusterIT.adminCall(a, "POST", "/legacy-auth/app-tokens",
                "{\"description\":\"fault job\"}");
        assertThat(appToken.statusCode()).isEqualTo(201);
        String app = JSON.readTree(appToken.body()).get("token").asText();
        survivors.requests.put("app token", node -> verify(node).header("Authorization", Http.basic("jsonrpc", app)).build());

        survivors.requests.put("basic", node -> verify(node).header("Authorization", Http.basic("alice", PASSWORD)).build());
        survivors.requests.put("header", node -> verify(node).header("X-API-Auth", Http.b64("alice:" + PASSWORD)).build());
        survivors.assertAllPass("before any fault");
        return survivors;
    }

    static void addProbes(Survivors survivors) throws Exception {
        survivors.requests.forEach((row, request) -> PROBES.add(new Probe(row, (at, node) -> true, true, request)));

        // bad, from the start; erin's wrong passwords count in brute-force detection and lock her out
        createUser("erin", "erin-fault-password");
        PROBES.add(new Probe("basic wrong password", (at, node) -> false, true,
                node -> verify(node).header("Authorization", Http.basic("erin", "not-erins-password")).build()));
        PROBES.add(new Probe("basic disabled user", (at, node) -> false, true,
                node -> verify(node).header("Authorization", Http.basic("carol", "carol-demo-password")).build()));
        PROBES.add(new Probe("basic unknown user", (at, node) -> false, true,
                node -> verify(node).header("Authorization", Http.basic("nobody", PASSWORD)).build()));
        PROBES.add(new Probe("basic without API role", (at, node) -> false, true,
                node -> verify(node).header("Authorization", Http.basic("bob", "bob-demo-password")).build()));
        PROBES.add(new Probe("header wrong password", (at, node) -> false, true,
                node -> verify(node).header("X-API-Auth", Http.b64("erin:wrong")).build()));

        JsonNode revoked = createKey(a, "revoked before the run", null);
        assertThat(ClusterIT.adminCall(b, "DELETE", "/legacy-auth/users/" + aliceId + "/access-keys/"
                + revoked.get("id").asText(), null).statusCode()).isEqualTo(204);
        String revokedKey = revoked.get("key").asText();
        PROBES.add(new Probe("access key revoked", (at, node) -> false, true,
                node -> verify(node).header("X-Auth-AccessKey", revokedKey).build()));
        String good = createKey(b, "forged from", null).get("key").asText();
        String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        PROBES.add(new Probe("access key forged", (at, node) -> false, true,
                node -> verify(node).header("X-Auth-AccessKey", forged).build()));

        // expires during the first steady stretch
        Instant expiry = Instant.now().plusSeconds(STEADY / 2 + 2);
        String expiring = createKey(a, "expires during the run", expiry.toString()).get("key").asText();
        long expiresAt = elapsed() + Duration.between(Instant.now(), expiry).toMillis();
        PROBES.add(new Probe("access key expiring", (at, node) -> at < expiresAt - 1500 ? Boolean.TRUE
                : at > expiresAt + 1500 ? Boolean.FALSE : null,
                true, node -> verify(node).header("X-Auth-AccessKey", expiring).build()));

        JsonNode deleted = post(b, "/tokens", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
        String deletedToken = deleted.get("token").asText();
        assertThat(send(a, HttpRequest.newBuilder(URI.create(a.legacyAuthUrl(REALM) + "/tokens/" + deletedToken))
                .DELETE().build()).status).isEqualTo(204);
        PROBES.add(new Probe("token pair deleted", (at, node) -> false, true, node -> verify(node)
                .header("X-Auth-Token", deletedToken).header("X-Auth-UserId", aliceId).build()));

        String outCookies = login(a, "alice", PASSWORD);
        String outCsrf = outCookies.substring(outCookies.indexOf("csrftoken=") + "csrftoken=".length());
        assertThat(send(b, HttpRequest.newBuilder(URI.create(b.legacyAuthUrl(REALM) + "/auth/logout"))
                .header("Cookie", outCookies).header("X-CSRFToken", outCsrf).DELETE().build()).status).isEqualTo(204);
        PROBES.add(new Probe("session cookie signed out", (at, node) -> false, true, node -> verify(node)
                .header("Cookie", outCookies).header("X-CSRFToken", outCsrf).POST(HttpRequest.BodyPublishers.noBody()).build()));

        String daveId = createUser("dave", "dave-fault-password");
        String daveBearer = bearer(a, "dave", "dave-fault-password");
        b.admin().realm(REALM).users().get(daveId).logout();
        PROBES.add(new Probe("bearer signed out", (at, node) -> false, true,
                node -> verify(node).header("Authorization", "Bearer " + daveBearer).build()));

        HttpResponse<String> revokedApp = ClusterIT.adminCall(a, "POST", "/legacy-auth/app-tokens",
                "{\"description\":\"revoked job\"}");
        JsonNode revokedAppToken = JSON.readTree(revokedApp.body());
        assertThat(ClusterIT.adminCall(b, "DELETE", "/legacy-auth/app-tokens/" + revokedAppToken.get("id").asText(), null)
                .statusCode()).isEqualTo(204);
        PROBES.add(new Probe("app token revoked", (at, node) -> false, true, node -> verify(node)
                .header("Authorization", Http.basic("jsonrpc", revokedAppToken.get("token").asText())).build()));

        // Keycloak's own token endpoint, beside the extension's paths
        PROBES.add(new Probe("kc-token (Keycloak)", (at, node) -> true, false, node -> HttpRequest.newBuilder(URI.create(
                node.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=legacy-cli&username=bob"
                        + "&password=bob-demo-password&scope=openid")).build()));
    }

    /** Keys created by the churn and not revoked, by secret. */
    static final Map<String, ChurnKey> CHURN_LIVE = new ConcurrentHashMap<>();

    /** A key of the churn: good until revoked; refused on the revoking node at once, on the other within 1 s. */
    static final class ChurnKey implements Judge {
        final String secret;
        final String id;
        final long createdAt = elapsed();
        final String createdOn;
        volatile long revokingAt = Long.MAX_VALUE;
        volatile long revokedAt = -1;
        volatile String revokedOn;
        volatile boolean unknown;

        ChurnKey(String secret, String id, String createdOn) {
            this.secret = secret;
            this.id = id;
            this.createdOn = createdOn;
        }

        @Override
        public Boolean good(long at, String node) {
            if (unknown || !node.equals(createdOn) && at < createdAt + 1000) {
                return null; // the other node's user cache learns of a new key within a second
            }
            if (at < revokingAt) {
                return Boolean.TRUE;
            }
            if (revokedAt < 0) {
                return null; // sent while the revocation was under way
            }
            if (node.equals(revokedOn) ? at > revokedAt : at > revokedAt + 1000) {
                return Boolean.FALSE;
            }
            return null;
        }
    }

    /**
     * Creates a key every second on one node (node 2 while node 1 is down), checks it on the other with the
     * load, and revokes the previous one: from then on it must be refused (on the other node after a
     * second). Admin answers are recorded too; failures while the database is down are expected.
     */
    static void churn(AtomicBoolean running) {
        ChurnKey previous = null;
        int round = 0;
        while (running.get()) {
            sleep(1000);
            round++;
            Node on = nodeADown || round % 2 == 0 ? b : a;
            try {
                accountChurn(on, round);
                long sent = elapsed();
                if (previous != null) {
                    previous.revokingAt = sent;
                    HttpResponse<String> revoked = ClusterIT.adminCall(on, "DELETE", "/legacy-auth/users/" + aliceId
                            + "/access-keys/" + previous.id, null);
                    record(on, "admin: revoke key", true, true, revoked, sent);
                    if (revoked.statusCode() == 204) {
                        previous.revokedOn = on.name();
                        previous.revokedAt = elapsed();
                        CHURN_LIVE.remove(previous.secret);
                    } else if (revoked.statusCode() == 503) {
                        previous.revokingAt = Long.MAX_VALUE; // refused: nothing was revoked
                    } else {
                        previous.unknown = true; // neither judged nor checked at the end
                        CHURN_LIVE.remove(previous.secret);
                    }
                    if (revoked.statusCode() == 503) {
                        continue; // revoke it next round
                    }
                }
                long creating = elapsed();
                creating = elapsed();
                HttpResponse<String> created = ClusterIT.adminCall(on, "POST", "/legacy-auth/users/" + aliceId
                        + "/access-keys", "{\"description\":\"churn " + round + "\"}");
                record(on, "admin: create key", true, true, created, creating);
                previous = null;
                if (created.statusCode() == 201) {
                    JsonNode key = JSON.readTree(created.body());
                    ChurnKey churned = new ChurnKey(key.get("key").asText(), key.get("id").asText(),
                            on.name());
                    CHURN_LIVE.put(churned.secret, churned);
                    PROBES.add(new Probe("access key (churn)", churned, true,
                            node -> verify(node).header("X-Auth-AccessKey", churned.secret).build()));
                    previous = churned;
                }
            } catch (RuntimeException | IOException e) {
                // Keycloak's admin client could not get a token (its own endpoint, e.g. while the database is down)
                ANSWERS.add(new Answer(elapsed(), phase, on.name(), "admin: token for the admin API", true, false, -1,
                        false, false, 0, false));
                if (previous != null) {
                    previous.unknown = true;
                    CHURN_LIVE.remove(previous.secret);
                    previous = null;
                }
            }
        }
    }

    /** Alice's token for the account endpoints (Keycloak's password grant at the demo's public CLI client). */
    static volatile String accountToken;

    /**
     * A key created and revoked through the account endpoint, as the account console does: this path
     * writes to the user the request's own copy holds (Keycloak's cached user), which meets an
     * unreachable database differently from the admin path.
     */
    static void accountChurn(Node on, int round) throws IOException {
        String url = on.legacyAuthUrl(REALM) + "/account/access-keys";
        long sent = elapsed();
        HttpResponse<String> created = Http.send(Http.request(url).header("Authorization", "Bearer " + accountToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"account churn " + round + "\"}")));
        record(on, "account: create key", true, true, created, sent);
        if (created.statusCode() == 201) {
            sent = elapsed();
            HttpResponse<String> revoked = Http.send(Http.request(url + "/" + JSON.readTree(created.body()).get("id").asText())
                    .header("Authorization", "Bearer " + accountToken).DELETE());
            record(on, "account: revoke key", true, true, revoked, sent);
        }
    }

    /** The load: random probes at random nodes, recorded with the phase they were sent in. */
    static void load(AtomicBoolean running) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            Probe probe;
            synchronized (PROBES) {
                probe = PROBES.get(random.nextInt(PROBES.size()));
            }
            Node node = random.nextBoolean() ? a : b;
            String sentIn = phase;
            long at = elapsed();
            Result result = send(node, probe.request.apply(node));
            Boolean good = probe.goodAt.good(at, node.name());
            if (good != null) {
                ANSWERS.add(new Answer(at, sentIn, node.name(), probe.row, good, probe.ours, result.status,
                        result.retryAfter, result.stackTrace, result.millis, result.extension503()));
            }
            sleep(5);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fault 3: revocation on one node while the other is under load

    static Map<String, String> revokeUnderLoad() throws Exception {
        Map<String, String> times = new LinkedHashMap<>();
        mark("revocation");
        JsonNode created = createKey(b, "revoked under load", null);
        String key = created.get("key").asText();
        JsonNode pair = post(b, "/tokens", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}");
        String token = pair.get("token").asText();
        // node 1 learns of the new key when node 2's invalidation of the user's cache entry reaches it
        long keyCreated = ClusterIT.millisUntil(() -> send(a, verify(a).header("X-Auth-AccessKey", key)).status == 200,
                Duration.ofSeconds(1));
        times.put("key created on node 2: passes on node 1 after", keyCreated + " ms");
        assertThat(keyCreated).as("ms until a key created on node 2 passes on node 1").isLessThan(1000);
        assertThat(send(a, verify(a).header("X-Auth-Token", token).header("X-Auth-UserId", aliceId)).status).isEqualTo(200);

        assertThat(ClusterIT.adminCall(b, "DELETE", "/legacy-auth/users/" + aliceId + "/access-keys/"
                + created.get("id").asText(), null).statusCode()).isEqualTo(204);
        long keyMillis = ClusterIT.millisUntil(() -> send(a, verify(a).header("X-Auth-AccessKey", key)).status == 401,
                Duration.ofSeconds(1));
        assertThat(send(b, HttpRequest.newBuilder(URI.create(b.legacyAuthUrl(REALM) + "/tokens/" + token)).DELETE().build())
                .status).isEqualTo(204);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long pairMillis = ClusterIT.millisUntil(() -> {
            int status = send(a, verify(a).header("X-Auth-Token", token).header("X-Auth-UserId", aliceId)).status;
            seen.add(status + "@" + elapsed());
            return status == 401;
        }, Duration.ofSeconds(1));
        if (pairMillis > 1000) {
            System.out.println("Deleted token pair on node 1: " + seen + "; node 2 now: " + send(b, verify(b)
                    .header("X-Auth-Token", token).header("X-Auth-UserId", aliceId)).status + "; node 1 after 5 s: "
                    + ClusterIT.millisUntil(() -> send(a, verify(a).header("X-Auth-Token", token)
                    .header("X-Auth-UserId", aliceId)).status == 401, Duration.ofSeconds(5)) + " ms more");
        }
        times.put("key revoked on node 2: refused on node 1 after", keyMillis + " ms");
        times.put("token pair deleted on node 2: refused on node 1 after", pairMillis + " ms");
        assertThat(keyMillis).as("ms until the revoked key is refused on node 1, under load").isLessThan(1000);
        assertThat(pairMillis).as("ms until the deleted token pair is refused on node 1, under load").isLessThan(1000);
        PROBES.add(new Probe("access key revoked (under load)", (at, node) -> false, true,
                node -> verify(node).header("X-Auth-AccessKey", key).build()));
        PROBES.add(new Probe("token pair deleted (under load)", (at, node) -> false, true,
                node -> verify(node).header("X-Auth-Token", token).header("X-Auth-UserId", aliceId).build()));
        return times;
    }

    // ---------------------------------------------------------------------------------------------
    // Plumbing

    record Result(int status, boolean retryAfter, boolean stackTrace, String body, long millis) {

        /** The extension's 503: its JSON error; Keycloak answers 503 with a page of its own while it starts. */
        boolean extension503() {
            return status == 503 && body.contains("temporarily_unavailable");
        }
    }

    static HttpRequest.Builder verify(Node node) {
        return HttpRequest.newBuilder(URI.create(node.legacyAuthUrl(REALM) + "/verify")).timeout(Duration.ofSeconds(10));
    }

    static Result send(Node node, HttpRequest.Builder request) {
        return send(node, request.build());
    }

    /** Status 0: the node did not answer (refused the connection, or timed out). */
    static Result send(Node node, HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body();
            return new Result(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                    body.contains("Exception") || body.contains("\tat "), body, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            // refused, reset or timed out: the node is not running (or not yet listening)
            return new Result(0, false, false, "", (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, false, false, "", 0);
        }
    }

    static void record(Node node, String row, boolean good, boolean ours, HttpResponse<String> response, long start) {
        int status = response.statusCode();
        boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
        boolean stack = response.body() != null && (response.body().contains("Exception")
                || response.body().contains("\tat "));
        ANSWERS.add(new Answer(start, phase, node.name(), row, good, ours, status, retryAfter, stack, elapsed() - start,
                status == 503 && response.body() != null && response.body().contains("temporarily_unavailable")));
    }

    static JsonNode createKey(Node node, String description, String expiresAt) throws IOException {
        HttpResponse<String> created = ClusterIT.adminCall(node, "POST", "/legacy-auth/users/" + aliceId + "/access-keys",
                "{\"description\":\"" + description + "\"" + (expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt + "\"")
                        + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    static JsonNode post(Node node, String path, String json) throws IOException {
        Result result = send(node, HttpRequest.newBuilder(URI.create(node.legacyAuthUrl(REALM) + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(result.status).as(result.body).isEqualTo(200);
        return JSON.readTree(result.body);
    }

    /** Signs in at {@code /auth/login} and fetches a CSRF token: the two cookies, as a Cookie header. */
    static String login(Node node, String username, String password) {
        HttpResponse<String> login = Http.send(Http.request(node.legacyAuthUrl(REALM) + "/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")));
        assertThat(login.statusCode()).isEqualTo(201);
        String sessionid = Http.setCookie(login, "sessionid");
        String csrf = Http.setCookie(Http.get(node.legacyAuthUrl(REALM) + "/csrf", "Cookie", "sessionid=" + sessionid),
                "csrftoken");
        return "sessionid=" + sessionid + "; csrftoken=" + csrf;
    }

    static String bearer(Node node, String username, String password) {
        HttpResponse<String> answer = Http.send(Http.request(node.legacyAuthUrl(REALM) + "/a")
                .header("Authorization", Http.basic(username, password)).POST(HttpRequest.BodyPublishers.noBody()));
        Matcher matcher = BEARER.matcher(answer.body());
        assertThat(matcher.matches()).as(answer.body()).isTrue();
        return matcher.group(1);
    }

    /** A user with API access and a password, created on node 1; its id. */
    static String createUser(String username, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@legacy-demo.test");
        user.setFirstName(username);
        user.setLastName("Fault");
        user.setEmailVerified(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        a.admin().realm(REALM).users().create(user).close();
        String id = a.admin().realm(REALM).users().searchByUsername(username, true).get(0).getId();
        a.admin().realm(REALM).users().get(id).roles().realmLevel()
                .add(List.of(a.admin().realm(REALM).roles().get("api-access").toRepresentation()));
        return id;
    }

    static Map<String, String> settings(Node node) {
        ComponentRepresentation settings = node.admin().realm(REALM).components()
                .query(null, "org.keycloak.services.ui.extend.UiPageProvider").stream()
                .filter(c -> "legacy-auth-settings".equals(c.getProviderId())).findFirst().orElseThrow();
        Map<String, String> values = new TreeMap<>();
        settings.getConfig().forEach((key, value) -> values.put(key, String.join(",", value)));
        return values;
    }

    /** The phases in the order they began. */
    static final List<String> PHASES = Collections.synchronizedList(new ArrayList<>(List.of("steady")));

    static void phase(String name, int seconds) {
        enter(name);
        sleep(seconds * 1000L);
    }

    static void enter(String name) {
        if (!PHASES.contains(name)) {
            PHASES.add(name);
        }
        phase = name;
        mark(name);
    }

    static void mark(String name) {
        MARKS.put(name, elapsed());
    }

    static long elapsed() {
        return (System.nanoTime() - T0) / 1_000_000;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
