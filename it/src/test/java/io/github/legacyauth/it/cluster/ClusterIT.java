package io.github.legacyauth.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

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

/**
 * Two Keycloak nodes on one PostgreSQL database, clustered over loopback. What one node issues,
 * revokes or changes holds on the other at once, and nothing is lost when both restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String REALM = "legacy-demo";
    static final String PASSWORD = "alice-demo-password";
    static final ObjectMapper JSON = new ObjectMapper();

    static KeycloakCluster cluster;
    static Node a;
    static Node b;
    static String aliceId;

    // what the restart test checks again
    static String survivingKey;
    static String survivingAppToken;
    static String survivingToken;
    static String survivingCookies;
    static String survivingCsrf;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KeycloakCluster.start(2, Path.of("target/cluster"));
        cluster.awaitFormed(Duration.ofSeconds(60));
        a = cluster.node(0);
        b = cluster.node(1);
        RealmRepresentation demo = JsonSerialization.readValue(
                Files.readString(Path.of(System.getProperty("demo.dir"), "legacy-demo-realm.json")), RealmRepresentation.class);
        a.admin().realms().create(demo);
        aliceId = a.admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theNodesFormOneCluster() {
        assertThat(cluster.formed()).isTrue();
        assertThat(a.baseUrl()).isNotEqualTo(b.baseUrl());
    }

    @Test
    @Order(2)
    void aKeyCreatedOnOneNodeVerifiesOnTheOtherAndItsRevocationReachesItWithinOneSecond() throws Exception {
        JsonNode created = createKey(a, "cluster key");
        String key = created.get("key").asText();
        assertThat(Http.get(b.legacyAuthUrl(REALM) + "/verify", "X-Auth-AccessKey", key).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = adminCall(a, "DELETE", "/legacy-auth/users/" + aliceId + "/access-keys/"
                + created.get("id").asText(), null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        long millis = millisUntil(() -> Http.get(b.legacyAuthUrl(REALM) + "/verify", "X-Auth-AccessKey", key).statusCode() == 401,
                Duration.ofSeconds(1));
        System.out.printf("Revocation on %s refused on %s after %d ms%n", a.name(), b.name(), millis);
        assertThat(millis).as("ms until the revoked key is refused on the other node").isLessThan(1000);
    }

    @Test
    @Order(3)
    void aSettingsChangeOnOneNodeAppliesOnTheOther() {
        String credential = Http.b64("alice:" + PASSWORD);
        String verifyB = b.legacyAuthUrl(REALM) + "/verify";
        assertThat(Http.get(verifyB, "X-API-Auth", credential).statusCode()).isEqualTo(200);

        updateSetting(a, "headerName", "X-Cluster-Auth");
        try {
            long millis = millisUntil(() -> Http.get(verifyB, "X-Cluster-Auth", credential).statusCode() == 200,
                    Duration.ofSeconds(1));
            System.out.printf("Settings change on %s applied on %s after %d ms%n", a.name(), b.name(), millis);
            assertThat(millis).isLessThan(1000);
            assertThat(Http.get(verifyB, "X-API-Auth", credential).statusCode()).isEqualTo(401);
        } finally {
            updateSetting(a, "headerName", "X-API-Auth");
        }
    }

    /**
     * The demo realm caches verified passwords (60 s). A password cached on node B stops working there once
     * node A changes it: the cache entry names the password credential, read from Keycloak's
     * cluster-invalidated user cache, so no message of the extension's own is needed.
     */
    @Test
    @Order(4)
    void aPasswordChangedOnOneNodeEndsItsCachedCopyOnTheOtherWithinOneSecond() {
        String verifyB = b.legacyAuthUrl(REALM) + "/verify";
        String old = Http.basic("alice", PASSWORD);
        assertThat(Http.get(verifyB, "Authorization", old).statusCode()).isEqualTo(200);
        assertThat(Http.get(verifyB, "Authorization", old).statusCode()).as("cached on B").isEqualTo(200);
        try {
            resetPassword(a, "alice-changed-on-A");
            long millis = millisUntil(() -> Http.get(verifyB, "Authorization", old).statusCode() == 401,
                    Duration.ofSeconds(1));
            System.out.printf("Password change on %s ended its cached copy on %s after %d ms%n", a.name(), b.name(), millis);
            assertThat(millis).as("ms until the old password is refused on the other node").isLessThan(1000);
            assertThat(Http.get(verifyB, "Authorization", Http.basic("alice", "alice-changed-on-A")).statusCode())
                    .isEqualTo(200);
        } finally {
            resetPassword(a, PASSWORD);
            a.admin().realm(REALM).attackDetection().clearBruteForceForUser(aliceId);
        }
        assertThat(Http.get(verifyB, "Authorization", Http.basic("alice", "alice-changed-on-A")).statusCode())
                .as("the changed password, cached on B, after the change back on A").isEqualTo(401);
        assertThat(Http.get(verifyB, "Authorization", old).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void tokenPairsSessionCookiesAndAppTokensIssuedOnOneNodeWorkOnTheOther() throws Exception {
        // Tuleap token pair issued on A, used on B
        HttpResponse<String> issued = Http.send(Http.request(a.legacyAuthUrl(REALM) + "/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        survivingToken = JSON.readTree(issued.body()).get("token").asText();
        HttpResponse<String> pairOnB = Http.get(b.legacyAuthUrl(REALM) + "/verify", "X-Auth-Token", survivingToken,
                "X-Auth-UserId", aliceId);
        assertThat(pairOnB.statusCode()).isEqualTo(200);
        assertThat(pairOnB.headers().firstValue("X-Auth-Username")).hasValue("alice");

        // ZaneOps session cookie issued on A, used with CSRF on B
        HttpResponse<String> login = Http.send(Http.request(a.legacyAuthUrl(REALM) + "/auth/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).isEqualTo(201);
        String sessionid = Http.setCookie(login, "sessionid");
        HttpResponse<String> csrf = Http.get(b.legacyAuthUrl(REALM) + "/csrf", "Cookie", "sessionid=" + sessionid);
        survivingCsrf = Http.setCookie(csrf, "csrftoken");
        survivingCookies = "sessionid=" + sessionid + "; csrftoken=" + survivingCsrf;
        assertThat(Http.get(b.legacyAuthUrl(REALM) + "/auth/me", "Cookie", survivingCookies).statusCode()).isEqualTo(200);
        assertThat(Http.send(Http.request(b.legacyAuthUrl(REALM) + "/verify").header("Cookie", survivingCookies)
                .header("X-CSRFToken", survivingCsrf).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);

        // Kanboard application token created on A, used on B
        HttpResponse<String> appToken = adminCall(a, "POST", "/legacy-auth/app-tokens", "{\"description\":\"cluster job\"}");
        assertThat(appToken.statusCode()).isEqualTo(201);
        survivingAppToken = JSON.readTree(appToken.body()).get("token").asText();
        assertThat(Http.get(b.legacyAuthUrl(REALM) + "/verify", "Authorization", Http.basic("jsonrpc", survivingAppToken))
                .statusCode()).isEqualTo(200);

        survivingKey = createKey(b, "survives restarts").get("key").asText();
        assertThat(Http.get(a.legacyAuthUrl(REALM) + "/verify", "X-Auth-AccessKey", survivingKey).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void afterBothNodesRestartNothingIsLost() {
        assertThat(survivingKey).as("set by the previous test").isNotNull();
        cluster.restartAll();

        for (Node node : new Node[] {a, b}) {
            String verify = node.legacyAuthUrl(REALM) + "/verify";
            assertThat(Http.get(verify, "X-Auth-AccessKey", survivingKey).statusCode()).as("key on " + node.name()).isEqualTo(200);
            assertThat(Http.get(verify, "Authorization", Http.basic("jsonrpc", survivingAppToken)).statusCode())
                    .as("app token on " + node.name()).isEqualTo(200);
            assertThat(Http.get(verify, "X-Auth-Token", survivingToken, "X-Auth-UserId", aliceId).statusCode())
                    .as("token pair on " + node.name()).isEqualTo(200);
            assertThat(Http.send(Http.request(verify).header("Cookie", survivingCookies).header("X-CSRFToken", survivingCsrf)
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).as("session cookie on " + node.name())
                    .isEqualTo(200);
            assertThat(Http.get(verify, "X-API-Auth", Http.b64("alice:" + PASSWORD)).statusCode())
                    .as("settings on " + node.name()).isEqualTo(200);
        }
    }

    /**
     * A Tuleap key imported on node A passes on node B, which then remembers its owner; revoked on A, it is
     * refused on B within a second; imported again for another user on A, B finds the new owner.
     */
    @Test
    @Order(7)
    void anImportedKeyFollowsItsRevocationAndItsNewOwnerAcrossNodes() throws Exception {
        String hex = "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";
        String verifier = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.util.HexFormat.of().parseHex(hex)));
        String body = "{\"format\":\"tuleap\",\"key_id\":\"4711\",\"verifier_hash\":\"" + verifier + "\"}";
        String key = "tlp.k1.4711." + hex;
        String verifyB = b.legacyAuthUrl(REALM) + "/verify";
        HttpResponse<String> imported = adminCall(a, "POST", "/legacy-auth/users/" + aliceId + "/access-keys/import", body);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        HttpResponse<String> onB = Http.get(verifyB, "X-Auth-AccessKey", key);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.headers().firstValue("X-Auth-Username")).hasValue("alice");

        assertThat(adminCall(a, "DELETE", "/legacy-auth/users/" + aliceId + "/access-keys/tlp-4711", null).statusCode())
                .isEqualTo(204);
        long millis = millisUntil(() -> Http.get(verifyB, "X-Auth-AccessKey", key).statusCode() == 401, Duration.ofSeconds(1));
        System.out.printf("Imported key revoked on %s refused on %s after %d ms%n", a.name(), b.name(), millis);
        assertThat(millis).isLessThan(1000);

        UserRepresentation dana = new UserRepresentation();
        dana.setUsername("dana");
        dana.setEnabled(true);
        dana.setEmail("dana@legacy-demo.test");
        dana.setFirstName("Dana");
        dana.setLastName("Cluster");
        dana.setRealmRoles(List.of("api-access"));
        a.admin().realm(REALM).users().create(dana).close();
        String danaId = a.admin().realm(REALM).users().searchByUsername("dana", true).get(0).getId();
        a.admin().realm(REALM).users().get(danaId).roles().realmLevel()
                .add(List.of(a.admin().realm(REALM).roles().get("api-access").toRepresentation()));
        assertThat(adminCall(a, "POST", "/legacy-auth/users/" + danaId + "/access-keys/import", body).statusCode())
                .isEqualTo(201);
        long moved = millisUntil(() -> Http.get(verifyB, "X-Auth-AccessKey", key).statusCode() == 200, Duration.ofSeconds(1));
        System.out.printf("Imported key imported again on %s for another user passes on %s after %d ms%n", a.name(),
                b.name(), moved);
        assertThat(moved).isLessThan(1000);
        assertThat(Http.get(verifyB, "X-Auth-AccessKey", key).headers().firstValue("X-Auth-Username")).hasValue("dana");
    }

    // ---------------------------------------------------------------------------------------------

    static JsonNode createKey(Node node, String description) throws Exception {
        HttpResponse<String> created = adminCall(node, "POST", "/legacy-auth/users/" + aliceId + "/access-keys",
                "{\"description\":\"" + description + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    /** An admin REST call below {@code /admin/realms/legacy-demo} on the given node, with its admin token. */
    static HttpResponse<String> adminCall(Node node, String method, String path, String json) {
        HttpRequest.Builder request = Http.request(node.baseUrl() + "/admin/realms/" + REALM + path)
                .header("Authorization", "Bearer " + node.admin().tokenManager().getAccessTokenString());
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    static void resetPassword(Node node, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        node.admin().realm(REALM).users().get(aliceId).resetPassword(credential);
    }

    static void updateSetting(Node node, String key, String value) {
        var components = node.admin().realm(REALM).components();
        ComponentRepresentation settings = components.query(null, "org.keycloak.services.ui.extend.UiPageProvider").stream()
                .filter(c -> "legacy-auth-settings".equals(c.getProviderId())).findFirst().orElseThrow();
        settings.getConfig().putSingle(key, value);
        components.component(settings.getId()).update(settings);
    }

    /** Milliseconds until the condition holds, checking every 20 ms; the limit plus one when it never did. */
    static long millisUntil(Supplier<Boolean> condition, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return limit.toMillis() + 1;
    }
}
