package io.github.legacyauth.core;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * The extension's meters, on Micrometer's global registry: what Keycloak shows at its management port's
 * {@code /metrics} with {@code --metrics-enabled=true} (without it the registry has no backend and a meter
 * costs next to nothing). Tags are few and bounded: realm, scheme, front door, outcome, operation; never
 * a user, a key id or a client.
 * <ul>
 *   <li>{@value #REQUESTS} (Prometheus {@code legacy_auth_requests_total}): legacy credentials decided, by
 *       realm, scheme ({@code none} when none was presented), door ({@code verify}, {@code grant},
 *       {@code issue}) and outcome ({@code ok}, {@code unauthorized}, {@code forbidden},
 *       {@code malformed});</li>
 *   <li>{@value #DURATION} ({@code legacy_auth_request_duration_seconds}): how long the decision took, by
 *       scheme and door, as a histogram;</li>
 *   <li>{@value #KEYS} ({@code legacy_auth_access_keys_total}): access keys created, imported,
 *       regenerated and revoked, by realm and operation;</li>
 *   <li>{@value #SESSIONS} ({@code legacy_auth_issued_sessions_total}): sessions the issuing endpoints
 *       opened ({@code created}), ended by a logout ({@code revoked}) or found over their lifetime or
 *       outlived by a password change ({@code expired}), by realm, scheme and operation;</li>
 *   <li>{@value #CACHE} ({@code legacy_auth_password_cache_total}): password checks while the realm's
 *       password cache is on, by realm and result: {@code hit} (answered from the cache, no hash) or
 *       {@code miss} (hashed); {@value #CACHE_ENTRIES} ({@code legacy_auth_password_cache_entries}): the
 *       entries the node holds;</li>
 *   <li>{@value #LOCKOUTS} ({@code legacy_auth_lockouts_total}): lockouts a legacy request's wrong
 *       password triggered in Keycloak's brute-force detection, by realm and kind ({@code temporary},
 *       {@code permanent});</li>
 *   <li>{@value #UNAVAILABLE} ({@code legacy_auth_unavailable_total}): requests answered 503 because the
 *       database or the cluster could not be reached, by realm and cause ({@code database},
 *       {@code cluster}).</li>
 * </ul>
 */
public final class LegacyMetrics {

    public static final String REQUESTS = "legacy.auth.requests";
    public static final String DURATION = "legacy.auth.request.duration";
    public static final String KEYS = "legacy.auth.access.keys";
    public static final String SESSIONS = "legacy.auth.issued.sessions";
    public static final String CACHE = "legacy.auth.password.cache";
    public static final String CACHE_ENTRIES = "legacy.auth.password.cache.entries";
    public static final String LOCKOUTS = "legacy.auth.lockouts";
    public static final String UNAVAILABLE = "legacy.auth.unavailable";

    public static final String VERIFY = "verify";
    public static final String GRANT = "grant";
    public static final String ISSUE = "issue";

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5)};

    /**
     * {@code -Dlegacy-auth.metrics=false} (in {@code JAVA_OPTS_APPEND}) turns the extension's meters off
     * while Keycloak's own stay: the benchmark's way to tell their cost apart.
     */
    private static final boolean ON = !"false".equalsIgnoreCase(System.getProperty("legacy-auth.metrics"));

    /**
     * Every meter, by name and tags, built once: building a meter's id on every request costs more than
     * counting. The tags are bounded (realms, schemes, doors, outcomes, operations), and so is the map.
     */
    private static final Map<List<String>, Counter> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<List<String>, Timer> TIMERS = new ConcurrentHashMap<>();

    private LegacyMetrics() {
    }

    /** A legacy credential decided at a front door, {@code startNanos} from {@link System#nanoTime()}. */
    public static void request(String realm, String scheme, String door, Outcome outcome, long startNanos) {
        if (!ON) {
            return;
        }
        String schemeTag = scheme == null ? "none" : scheme;
        count(REQUESTS, "Legacy credentials decided, by realm, scheme, front door and outcome",
                "realm", realm, "scheme", schemeTag, "door", door, "outcome", outcome(outcome));
        TIMERS.computeIfAbsent(List.of(schemeTag, door), tags -> Timer.builder(DURATION)
                .description("Time to decide a legacy credential, by scheme and front door")
                .tag("scheme", schemeTag)
                .tag("door", door)
                .serviceLevelObjectives(BUCKETS)
                .register(Metrics.globalRegistry)).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** An access key created, imported, regenerated or revoked. */
    public static void keys(String realm, String operation) {
        count(KEYS, "Access keys created, imported, regenerated and revoked, by realm",
                "realm", realm, "operation", operation);
    }

    /** A session an issuing endpoint opened ({@code created}) or ended ({@code revoked}, {@code expired}). */
    public static void sessions(String realm, String scheme, String operation) {
        count(SESSIONS, "Sessions of the issuing endpoints created, revoked and expired, by realm and scheme",
                "realm", realm, "scheme", scheme, "operation", operation);
    }

    /** A password check while the realm's cache is on: answered from the cache, or hashed. */
    public static void passwordCache(String realm, boolean hit) {
        count(CACHE, "Password checks while the password cache is on, by realm and result (hit: no hash)",
                "realm", realm, "result", hit ? "hit" : "miss");
    }

    /** A lockout a legacy request's wrong password triggered. */
    public static void lockout(String realm, boolean permanent) {
        count(LOCKOUTS, "Lockouts triggered by legacy requests' wrong passwords, by realm and kind",
                "realm", realm, "kind", permanent ? "permanent" : "temporary");
    }

    /** A request answered 503 because the database or the cluster was unreachable. */
    public static void unavailable(String realm, String cause) {
        count(UNAVAILABLE, "Requests answered 503 because the database or the cluster was unreachable, by realm and cause",
                "realm", realm, "cause", cause);
    }

    /** Adds one to the counter of this name and these tags (name, value, name, value, ...). */
    private static void count(String name, String description, String... tags) {
        if (!ON) {
            return;
        }
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        COUNTERS.computeIfAbsent(List.of(key), k -> Counter.builder(name).description(description).tags(tags)
                .register(Metrics.globalRegistry)).increment();
    }

    /** The gauges of node-wide state, registered once when the server starts. */
    public static void registerGauges(Supplier<Number> cacheEntries) {
        if (!ON) {
            return;
        }
        Gauge.builder(CACHE_ENTRIES, cacheEntries)
                .description("Entries in this node's verified-password cache (all realms)")
                .strongReference(true)
                .register(Metrics.globalRegistry);
    }

    /** The outcome tag: ok, unauthorized, forbidden or malformed. */
    static String outcome(Outcome outcome) {
        if (outcome instanceof Outcome.Authenticated) {
            return "ok";
        }
        if (outcome instanceof Outcome.Refused refused) {
            if (MalformedCredentialException.EVENT_ERROR.equals(refused.error())) {
                return "malformed";
            }
            return refused.refusal() == Outcome.Refusal.FORBIDDEN ? "forbidden" : "unauthorized";
        }
        return "unauthorized";
    }
}
