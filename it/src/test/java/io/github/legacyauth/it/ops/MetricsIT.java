package io.github.legacyauth.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RoleRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * The extension's meters at Keycloak's {@code /metrics} (management port, {@code --metrics-enabled=true}):
 * a known sequence of requests moves each counter by exactly what it should, by tag; no tag carries a
 * user, a key id or a client.
 */
class MetricsIT extends AttackRealmTest {

    static final Pattern LINE = Pattern.compile("^([a-z_]+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @Test
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

    static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> labels = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    /** How much the lines of this meter whose labels include all of {@code labels} moved, summed. */
    static long delta(String before, String after, String name, Map<String, String> labels) {
        return Math.round(sum(after, name, labels) - sum(before, name, labels));
    }

    static double sum(String metrics, String name, Map<String, String> labels) {
        double total = 0;
        Matcher matcher = LINE.matcher(metrics);
        while (matcher.find()) {
            if (!matcher.group(1).equals(name)) {
                continue;
            }
            String found = matcher.group(2);
            boolean all = labels.entrySet().stream()
                    .allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (all) {
                total += Double.parseDouble(matcher.group(3));
            }
        }
        return total;
    }
}
