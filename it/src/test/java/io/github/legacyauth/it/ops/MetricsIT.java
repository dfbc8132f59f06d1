package io.github.legacyauth.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * The extension's meters at Keycloak's {@code /metrics} (management port, {@code --metrics-enabled=true}):
 * a known sequence of requests moves each counter by exactly what it should, by tag; no tag carries a
 * user, a key id or a client.
 */
public class MetricsIT extends AttackRealmTest {

    static final Pattern LINE = Pattern.compile("^([a-z_]+)(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE);

    @Test
    @Smoke
    void aKnownSequenceMovesEachCounterByExactlyItsShare() throws Exception {
        String before = attack.server().metrics();
        String erin = Http.b64("erin:erin-Attack-1");
        for (int i = 0; i < 3; i++) {
            assertThat(attack.verify("X-API-Auth", erin).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(attack.verify("Authorization", Http.basic("erin", "wrong-" + i)).statusCode()).isEqualTo(401);
        }
        assertThat(attack.verify().statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", "lak_garbage").statusCode()).isEqualTo(401);
        String timing = attack.userId("timing");
        List<RoleRepresentation> apiAccess = List.of(attack.realm().roles().get("api-access").toRepresentation());
        attack.realm().users().get(timing).roles().realmLevel().remove(apiAccess);
        try {
            assertThat(attack.verify("Authorization", Http.basic("timing", "timing-Attack-1")).statusCode()).isEqualTo(403);
        } finally {
            attack.realm().users().get(timing).roles().realmLevel().add(apiAccess);
        }
        String key = attack.createKey("erin", "{\"description\":\"counted\",\"scopes\":[\"viewer\"]}");
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        HttpResponse<String> refused = attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400); // the key's scope rule at this client
        assertThat(Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + attack.userId("erin")
                        + "/access-keys/" + AttackRealm.keyId(key)))
                .header("Authorization", "Bearer " + attack.masterAdminToken()).DELETE()).statusCode()).isEqualTo(204);

        String after = attack.server().metrics();

        String requests = "legacy_auth_requests_total";
        Map<String, String> realm = Map.of("realm", AttackRealm.REALM);
        assertThat(delta(before, after, requests, with(realm, "scheme", "header", "door", "verify", "outcome", "ok"))).isEqualTo(3);
        assertThat(delta(before, after, requests, with(realm, "scheme", "basic", "door", "verify", "outcome", "unauthorized"))).isEqualTo(2);
        assertThat(delta(before, after, requests, with(realm, "scheme", "none", "door", "verify", "outcome", "unauthorized"))).isEqualTo(1);
        assertThat(delta(before, after, requests, with(realm, "scheme", "access-key", "door", "verify", "outcome", "malformed"))).isEqualTo(1);
        assertThat(delta(before, after, requests, with(realm, "scheme", "basic", "door", "verify", "outcome", "forbidden"))).isEqualTo(1);
        assertThat(delta(before, after, requests, with(realm, "scheme", "access-key", "door", "verify", "outcome", "ok"))).isEqualTo(2);
        assertThat(delta(before, after, requests, with(realm, "scheme", "access-key", "door", "grant", "outcome", "ok"))).isEqualTo(1);
        assertThat(delta(before, after, requests, with(realm, "scheme", "access-key", "door", "grant", "outcome", "forbidden"))).isEqualTo(1);
        assertThat(delta(before, after, requests, realm)).isEqualTo(12);
        assertThat(delta(before, after, "legacy_auth_request_duration_seconds_count",
                Map.of("scheme", "basic", "door", "verify"))).isEqualTo(3);
        assertThat(delta(before, after, "legacy_auth_request_duration_seconds_bucket",
                Map.of("scheme", "header", "door", "verify", "le", "+Inf"))).isEqualTo(3);
        assertThat(delta(before, after, "legacy_auth_access_keys_total", with(realm, "operation", "created"))).isEqualTo(1);
        assertThat(delta(before, after, "legacy_auth_access_keys_total", with(realm, "operation", "revoked"))).isEqualTo(1);
        // low-cardinality tags only
        assertThat(after.lines().filter(line -> line.startsWith("legacy_auth_")))
                .noneMatch(line -> line.contains("erin") || line.contains(AttackRealm.keyId(key))
                        || line.contains(attack.userId("erin")) || line.contains("gateway"));
    }

    /**
     * The password cache's hits and misses, the sessions an issuing endpoint opens and ends, and the lockout
     * a run of wrong passwords triggers, each by exactly its share; the cache's size is a gauge.
     */
    @Test
    void cacheSessionsAndLockoutsAreCounted() throws Exception {
        Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "60"));
        try {
            String before = attack.server().metrics();
            for (int i = 0; i < 3; i++) {
                assertThat(attack.verify("Authorization", Http.basic("dave", "dave-Attack-1")).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> issued = Http.send(Http.request(attack.url("/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"dave\",\"password\":\"dave-Attack-1\"}")));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String uri = attack.server().baseUrl() + AttackRealm.json(issued).get("uri").asText();
            assertThat(Http.send(Http.request(uri).DELETE()).statusCode()).isEqualTo(204);
            for (int i = 1; i <= 3; i++) {
                assertThat(attack.verify("Authorization", Http.basic("dave", "guess-" + i)).statusCode()).isEqualTo(401);
            }
            Realms.awaitLoginFailures(attack.realm(), attack.userId("dave"), 3);

            String after = attack.server().metrics();

            Map<String, String> realm = Map.of("realm", AttackRealm.REALM);
            String cache = "legacy_auth_password_cache_total";
            // the first right password is hashed, the next three (two Basic, one login) come from the cache;
            // each wrong one is hashed
            assertThat(delta(before, after, cache, with(realm, "result", "hit"))).isEqualTo(3);
            assertThat(delta(before, after, cache, with(realm, "result", "miss"))).isEqualTo(4);
            String sessions = "legacy_auth_issued_sessions_total";
            assertThat(delta(before, after, sessions, with(realm, "scheme", "token-pair", "operation", "created"))).isEqualTo(1);
            assertThat(delta(before, after, sessions, with(realm, "scheme", "token-pair", "operation", "revoked"))).isEqualTo(1);
            assertThat(delta(before, after, "legacy_auth_requests_total",
                    with(realm, "scheme", "token-pair", "door", "issue", "outcome", "ok"))).isEqualTo(1);
            assertThat(delta(before, after, "legacy_auth_lockouts_total", with(realm, "kind", "temporary"))).isEqualTo(1);
            assertThat(delta(before, after, "legacy_auth_lockouts_total", with(realm, "kind", "permanent"))).isZero();
            assertThat(sum(after, "legacy_auth_password_cache_entries", Map.of())).isGreaterThanOrEqualTo(1);
        } finally {
            attack.realm().attackDetection().clearAllBruteForce();
            Realms.updateSettings(attack.realm(), Map.of("passwordCacheSeconds", "0"));
        }
    }

    /**
     * The wait Keycloak sets after wrong passwords in quick succession locks the user like a temporary
     * lockout (Keycloak's {@code USER_DISABLED_BY_TEMPORARY_LOCKOUT}): counted as one.
     */
    @Test
    void theWaitAfterQuickFailuresIsCountedAsATemporaryLockout() throws Exception {
        RealmRepresentation saved = attack.realm().toRepresentation();
        attack.realm().attackDetection().clearAllBruteForce();
        RealmRepresentation quick = attack.realm().toRepresentation();
        quick.setQuickLoginCheckMilliSeconds(60_000L);
        attack.realm().update(quick);
        try {
            String before = attack.server().metrics();
            for (int i = 1; i <= 2; i++) {
                assertThat(attack.verify("Authorization", Http.basic("erin", "quick-" + i)).statusCode()).isEqualTo(401);
            }
            Realms.awaitLoginFailures(attack.realm(), attack.userId("erin"), 2);
            assertThat(attack.verify("Authorization", Http.basic("erin", "erin-Attack-1")).statusCode())
                    .as("locked for the quick-login wait").isEqualTo(401);

            assertThat(delta(before, attack.server().metrics(), "legacy_auth_lockouts_total",
                    Map.of("realm", AttackRealm.REALM, "kind", "temporary"))).isEqualTo(1);
        } finally {
            RealmRepresentation restored = attack.realm().toRepresentation();
            restored.setQuickLoginCheckMilliSeconds(saved.getQuickLoginCheckMilliSeconds());
            attack.realm().update(restored);
            attack.realm().attackDetection().clearAllBruteForce();
        }
    }

    public static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> labels = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    /** How much the lines of this meter whose labels include all of {@code labels} moved, summed. */
    public static long delta(String before, String after, String name, Map<String, String> labels) {
        return Math.round(sum(after, name, labels) - sum(before, name, labels));
    }

    public static double sum(String metrics, String name, Map<String, String> labels) {
        double total = 0;
        Matcher matcher = LINE.matcher(metrics);
        while (matcher.find()) {
            if (!matcher.group(1).equals(name)) {
                continue;
            }
            String found = matcher.group(2) == null ? "" : matcher.group(2);
            boolean all = labels.entrySet().stream()
                    .allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (all) {
                total += Double.parseDouble(matcher.group(3));
            }
        }
        return total;
    }
}
