package io.github.legacyauth.it.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.RealmRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;

/**
 * An unknown user, a wrong password, a disabled user, a user without a password, a client's service
 * account and a user with a second factor (with their right password) look the same from outside: same status, same
 * body, and response times whose medians differ by less than 20% (200 requests of each, interleaved,
 * one at a time). The extension spends a password hash on every refusal, against a dummy when there is
 * no user. The figures are printed.
 */
@ExtendWith(RealKeycloak.class)
class EnumerationTimingIT {

    static final String REALM = "guard-it";
    static final int ROUNDS = Integer.getInteger("timing.rounds", 200);
    static final int WARMUP = 20;

    static KeycloakServer server;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/guard-it.json");
        // brute-force detection on, as in production (counting a failure has a cost of its own), with a
        // failure factor no run reaches: a lockout part-way would be another answer (LoginLockoutIT)
        RealmRepresentation realm = server.admin().realm(REALM).toRepresentation();
        realm.setBruteForceProtected(true);
        realm.setFailureFactor(1_000_000);
        realm.setQuickLoginCheckMilliSeconds(0L);
        server.admin().realm(REALM).update(realm);
    }

    @Test
    void basicVerifyTellsNoUserApart() {
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        compare("Basic /verify", username -> Http.send(Http.request(verify)
                .header("Authorization", Http.basic(username, password(username))).GET()));
    }

    @Test
    void tuleapsTokenRequestTellsNoUserApart() {
        String tokens = server.legacyAuthUrl(REALM) + "/tokens";
        compare("POST /tokens", username -> Http.send(Http.request(tokens).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password(username) + "\"}"))));
    }

    /**
     * A burst of 4 guesses at once for one name, 60 bursts of each case interleaved, timed to its last
     * answer: one user's checks run one at a time (so that parallel guesses cannot outrun the lockout), and
     * so must a name's that finds no user, or the burst would tell them apart. With brute-force detection
     * on (guesses of a name queue) and off (different guesses run side by side, the same guess sent at
     * once is checked once, whoever they name).
     */
    @Test
    void aBurstOfParallelGuessesTellsNoUserApart() {
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger guess = new AtomicInteger();
        boolean[] samePassword = new boolean[1];
        Function<String, HttpResponse<String>> burst = username -> {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            int first = guess.incrementAndGet();
            for (int i = 0; i < 4; i++) {
                String password = "guess-" + (samePassword[0] ? first : guess.incrementAndGet());
                calls.add(() -> Http.send(Http.request(verify).header("Authorization", Http.basic(username, password)).GET()));
            }
            try {
                HttpResponse<String> last = null;
                for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                    last = answer.get();
                }
                return last;
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        };
        RealmRepresentation realm = server.admin().realm(REALM).toRepresentation();
        try {
            compare("4 parallel Basic /verify guesses, brute-force detection on", burst, 60);
            realm.setBruteForceProtected(false);
            server.admin().realm(REALM).update(realm);
            compare("4 parallel Basic /verify guesses, brute-force detection off", burst, 60);
            // the same guess four times at once: the waiting requests share the first one's refusal, for
            // every name alike (a user without a stored password included)
            samePassword[0] = true;
            compare("4 parallel Basic /verify requests with one guess, brute-force detection off", burst, 60);
        } finally {
            pool.shutdownNow();
            realm.setBruteForceProtected(true);
            server.admin().realm(REALM).update(realm);
        }
    }

    /** The password each case sends: right for the disabled user and the second-factor user, wrong for the others. */
    static String password(String username) {
        return switch (username) {
            case "timing-disabled" -> "timing-disabled-Guard-1";
            case "timing-otp" -> "timing-otp-Guard-1";
            default -> "not-the-password";
        };
    }

    static void compare(String what, Function<String, HttpResponse<String>> request) {
        compare(what, request, ROUNDS);
    }

    static void compare(String what, Function<String, HttpResponse<String>> request, int rounds) {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("unknown user", "nobody-at-all");
        cases.put("wrong password", "timing-user");
        cases.put("disabled user", "timing-disabled");
        // an identity-provider or passkey user has no password; a service account never signs in with one
        cases.put("user without password", "timing-federated");
        cases.put("service account", "service-account-timing-app");
        // a user with a second factor uses keys, not the password: their right password reads as a wrong one
        cases.put("second-factor user, right password", "timing-otp");
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        cases.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));

        for (int round = -WARMUP; round < rounds; round++) {
            for (Map.Entry<String, String> entry : cases.entrySet()) {
                long start = System.nanoTime();
                HttpResponse<String> response = request.apply(entry.getValue());
                long took = System.nanoTime() - start;
                String answer = response.statusCode() + " " + response.body();
                String first = answers.putIfAbsent(entry.getKey(), answer);
                assertThat(answer).as(what + ", " + entry.getKey()).isEqualTo(first == null ? answer : first);
                if (round >= 0) {
                    nanos.get(entry.getKey()).add(took);
                }
            }
        }

        assertThat(answers.values()).as(what + ": the same status and body for every case").containsOnly(
                answers.values().iterator().next());
        assertThat(answers.values().iterator().next()).startsWith("401 ");
        Map<String, Double> medians = new LinkedHashMap<>();
        nanos.forEach((name, values) -> medians.put(name, median(values) / 1e6));
        double fastest = medians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest = medians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%s, %d requests of each, median ms:", what, rounds));
        medians.forEach((name, median) -> report.append(String.format(Locale.ROOT, " %s %.1f;", name, median)));
        report.append(String.format(Locale.ROOT, " slowest / fastest = %.3f", slowest / fastest));
        System.out.println(report);
        assertThat(slowest / fastest).as(report.toString()).isLessThan(1.2);
    }

    static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
