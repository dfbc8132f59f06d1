package io.github.legacyauth.it.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * Keys the legacy application handed out, imported by what it stored, work as the extension's own keys
 * do: a Tuleap personal access key by its id and verifier ({@code hex(sha256(raw 32 bytes))}), a
 * Kanboard personal API token kept in clear. Scopes, expiry, revocation, last use, the account listing,
 * events and limits apply; any other verifier fails; a record or locator written around the extension
 * opens nothing.
 */
class ImportedKeysIT extends AttackRealmTest {

    static final byte[] RAW = HexFormat.of().parseHex("101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
    static final String TULEAP_KEY = "tlp.k1.1026." + HexFormat.of().formatHex(RAW);
    static final String KANBOARD_TOKEN = "83e7ad23fccccf0b76a31f3960853bd238bc17dc11f6ad8ec52a2984abaa";

    @BeforeAll
    static void adminEvents() {
        RealmRepresentation realm = attack.realm().toRepresentation();
        realm.setAdminEventsEnabled(true);
        realm.setAdminEventsDetailsEnabled(true);
        attack.realm().update(realm);
        // admins (and users) see and may write unmanaged attributes: the records and locators are in view
        Realms.letUsersEditUnmanagedAttributes(attack.realm());
    }

    @AfterEach
    void revokeEveryKey() {
        for (String user : List.of("erin", "dave")) {
            for (JsonNode key : list(user)) {
                Http.send(Http.request(keysUrl(user) + "/" + key.get("id").asText())
                        .header("Authorization", admin()).DELETE());
            }
        }
        attack.realm().attackDetection().clearAllBruteForce();
    }

    @Test
    @Smoke
    void aTuleapKeyImportedByItsVerifierPassesLikeAKeyOfOurOwn() throws Exception {
        attack.realm().clearAdminEvents();
        attack.realm().clearEvents();
        HttpResponse<String> imported = importKey("erin", "{\"format\":\"tuleap\",\"key_id\":\"1026\",\"verifier_hash\":\""
                + verifier(RAW) + "\",\"description\":\"CI pipeline (Tuleap)\",\"scopes\":[\"viewer\"],"
                + "\"created_at\":\"2024-05-01T09:30:00Z\"}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode record = AttackRealm.json(imported);
        assertThat(record.get("id").asText()).isEqualTo("tlp-1026");
        assertThat(record.get("format").asText()).isEqualTo("tuleap");
        assertThat(record.get("created_at").asText()).isEqualTo("2024-05-01T09:30:00Z");
        assertThat(record.has("expires_at")).isTrue();
        assertThat(record.has("key")).isFalse();
        assertThat(imported.body()).doesNotContain(verifier(RAW));

        // Tuleap's curl example, only the host changed
        HttpResponse<String> used = attack.verify("X-Auth-AccessKey", TULEAP_KEY);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Username")).hasValue("erin");
        assertThat(used.headers().firstValue("X-Auth-Scheme")).hasValue("access-key");
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");
        // Tuleap reads the hex in either case and the id as a number
        assertThat(attack.verify("X-Auth-AccessKey", TULEAP_KEY.toUpperCase().replace("TLP.K1.", "tlp.k1.")).statusCode())
                .isEqualTo(200);
        assertThat(attack.verify("X-Auth-AccessKey", TULEAP_KEY.replace(".1026.", ".01026.")).statusCode()).isEqualTo(200);
        // as the password in Basic, for its owner only
        assertThat(attack.verify("Authorization", Http.basic("erin", TULEAP_KEY)).statusCode()).isEqualTo(200);
        assertThat(attack.verify("Authorization", Http.basic("dave", TULEAP_KEY)).statusCode()).isEqualTo(401);

        // any other verifier fails, and so does the right one under another id
        byte[] other = RAW.clone();
        other[31] ^= 1;
        assertThat(attack.verify("X-Auth-AccessKey", "tlp.k1.1026." + HexFormat.of().formatHex(other)).statusCode())
                .isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", TULEAP_KEY.replace(".1026.", ".1027.")).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", TULEAP_KEY.substring(0, TULEAP_KEY.length() - 2)).statusCode())
                .isEqualTo(401);

        // the key grant, at a client whose role scope stays within the key's scopes
        HttpResponse<String> grant = attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey", TULEAP_KEY, null);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        assertThat(attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", TULEAP_KEY, null).statusCode())
                .as("a client that would admit more than the key's scopes").isEqualTo(400);
        assertThat(attack.grant("viewer-gateway", "viewer-gateway-secret", "X-Auth-AccessKey",
                "tlp.k1.1026." + HexFormat.of().formatHex(other), null).statusCode()).isEqualTo(401);

        // listed with its last use, for the admin and in the owner's account
        JsonNode listed = find(list("erin"), "tlp-1026");
        assertThat(listed.get("last_used_at").isNull()).isFalse();
        HttpResponse<String> account = Http.get(attack.url("/account/access-keys"),
                "Authorization", "Bearer " + accountToken("erin", "erin-Attack-1"));
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(find(AttackRealm.json(account), "tlp-1026").get("format").asText()).isEqualTo("tuleap");

        // events: the login names the key, the import is an admin event without any secret
        List<EventRepresentation> logins = attack.realm().getEvents(List.of("LOGIN"), null, attack.userId("erin"),
                null, null, null, 0, 100);
        assertThat(logins).anySatisfy(event -> assertThat(event.getDetails()).containsEntry("legacy_auth_key_id", "tlp-1026"));
        List<AdminEventRepresentation> adminEvents = attack.realm().getAdminEvents();
        assertThat(adminEvents).anySatisfy(event -> {
            assertThat(event.getOperationType()).isEqualTo("CREATE");
            assertThat(event.getResourceType()).isEqualTo("LEGACY_AUTH_ACCESS_KEY");
            assertThat(event.getResourcePath()).isEqualTo("legacy-auth/users/" + attack.userId("erin") + "/access-keys/tlp-1026");
            assertThat(event.getRepresentation()).contains("CI pipeline").doesNotContain(verifier(RAW))
                    .doesNotContain(HexFormat.of().formatHex(RAW));
        });

        // revoked: refused at once, the grant's session too; the key id is free again
        String refresh = AttackRealm.json(grant).get("refresh_token").asText();
        assertThat(revoke("erin", "tlp-1026")).isEqualTo(204);
        assertThat(attack.verify("X-Auth-AccessKey", TULEAP_KEY).statusCode()).isEqualTo(401);
        assertThat(attack.refresh("viewer-gateway", "viewer-gateway-secret", refresh).statusCode()).isEqualTo(400);
        Map<String, List<String>> attributes = attack.realm().users().get(attack.userId("erin")).toRepresentation()
                .getAttributes();
        assertThat(attributes == null ? List.<String>of() : attributes.getOrDefault("legacy-auth.access-key-locator",
                List.of())).doesNotContain("tuleap:1026");
        assertThat(importKey("dave", "{\"format\":\"tuleap\",\"key_id\":\"1026\",\"verifier_hash\":\""
                + verifier(RAW) + "\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> moved = attack.verify("X-Auth-AccessKey", TULEAP_KEY);
        assertThat(moved.headers().firstValue("X-Auth-Username")).hasValue("dave");
    }

    @Test
    void aKanboardTokenKeptInClearPassesBasicAndTheKeyHeader() throws Exception {
        HttpResponse<String> imported = importKey("dave", "{\"format\":\"secret\",\"secret\":\"" + KANBOARD_TOKEN
                + "\",\"description\":\"Kanboard personal API token\"}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        JsonNode record = AttackRealm.json(imported);
        assertThat(record.get("format").asText()).isEqualTo("secret");
        assertThat(record.get("id").asText()).matches("[0-9A-Za-z]{8}");
        assertThat(imported.body()).doesNotContain(KANBOARD_TOKEN);

        // Kanboard's curl -u "username:token"
        HttpResponse<String> basic = attack.verify("Authorization", Http.basic("dave", KANBOARD_TOKEN));
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(basic.headers().firstValue("X-Auth-Scheme")).hasValue("access-key");
        assertThat(attack.verify("Authorization", Http.basic("dave@attack.test", KANBOARD_TOKEN)).statusCode())
                .as("by e-mail").isEqualTo(200);
        assertThat(attack.verify("X-API-Auth", Base64.getEncoder().encodeToString(
                ("dave:" + KANBOARD_TOKEN).getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);
        HttpResponse<String> alone = attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN);
        assertThat(alone.statusCode()).isEqualTo(200);
        assertThat(alone.headers().firstValue("X-Auth-Username")).hasValue("dave");
        // the password still works; another user's name with the token is a wrong password
        assertThat(attack.verify("Authorization", Http.basic("dave", "dave-Attack-1")).statusCode()).isEqualTo(200);
        assertThat(attack.verify("Authorization", Http.basic("erin", KANBOARD_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN.substring(1) + "0").statusCode()).isEqualTo(401);

        assertThat(revoke("dave", record.get("id").asText())).isEqualTo(204);
        assertThat(attack.verify("Authorization", Http.basic("dave", KANBOARD_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void anImportedKeyExpiresAndEndsWithItsOwner() throws Exception {
        String expires = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(importKey("erin", "{\"format\":\"secret\",\"secret\":\"" + KANBOARD_TOKEN + "\",\"expires_at\":\""
                + expires + "\"}").statusCode()).isEqualTo(201);
        assertThat(attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN).statusCode()).isEqualTo(200);
        Thread.sleep(4500);
        assertThat(attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN).statusCode()).isEqualTo(401);

        assertThat(importKey("erin", "{\"format\":\"tuleap\",\"key_id\":\"2048\",\"verifier_hash\":\"" + verifier(RAW)
                + "\"}").statusCode()).isEqualTo(201);
        String key = "tlp.k1.2048." + HexFormat.of().formatHex(RAW);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        UserRepresentation erin = attack.realm().users().get(attack.userId("erin")).toRepresentation();
        erin.setEnabled(false);
        attack.realm().users().get(erin.getId()).update(erin);
        try {
            assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
        } finally {
            erin.setEnabled(true);
            attack.realm().users().get(erin.getId()).update(erin);
        }
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
    }

    @Test
    void anImportFollowsTheRulesOfKeyCreation() throws Exception {
        String tuleap = "{\"format\":\"tuleap\",\"key_id\":\"77\",\"verifier_hash\":\"" + verifier(RAW) + "\"}";
        for (String bad : List.of("{}", "{\"format\":\"md5\"}", "{\"format\":\"tuleap\",\"key_id\":\"abc\",\"verifier_hash\":\""
                        + verifier(RAW) + "\"}",
                "{\"format\":\"tuleap\",\"key_id\":\"0\",\"verifier_hash\":\"" + verifier(RAW) + "\"}",
                "{\"format\":\"tuleap\",\"key_id\":\"77\",\"verifier_hash\":\"" + verifier(RAW).substring(1) + "\"}",
                "{\"format\":\"tuleap\",\"key_id\":\"77\",\"verifier_hash\":\"" + "g".repeat(64) + "\"}",
                "{\"format\":\"secret\",\"secret\":\"short\"}",
                "{\"format\":\"secret\",\"secret\":\"with a space in the middle of it\"}",
                "{\"format\":\"secret\",\"secret\":\"lak_u00000000000000000000000000_abcdefgh\"}",
                "{\"format\":\"secret\",\"secret\":\"" + "x".repeat(600) + "\"}",
                tuleap.replace("}", ",\"created_at\":\"2999-01-01T00:00:00Z\"}"),
                tuleap.replace("}", ",\"expires_at\":\"2001-01-01\"}"),
                tuleap.replace("}", ",\"scopes\":[\"editor\"]}"),
                "{not json")) {
            HttpResponse<String> refused = importKey("dave", bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception");
        }
        assertThat(importKey("dave", "{\"format\":\"secret\",\"secret\":\"" + "a".repeat(20_000) + "\"}").statusCode())
                .isEqualTo(413);

        // one holder per key in the realm
        assertThat(importKey("dave", tuleap).statusCode()).isEqualTo(201);
        assertThat(importKey("dave", tuleap).statusCode()).isEqualTo(409);
        assertThat(importKey("erin", tuleap).statusCode()).isEqualTo(409);
        String secret = "{\"format\":\"secret\",\"secret\":\"" + KANBOARD_TOKEN + "\"}";
        assertThat(importKey("erin", secret).statusCode()).isEqualTo(201);
        assertThat(importKey("dave", secret).statusCode()).isEqualTo(409);

        // the realm's limits and switches
        Realms.updateSettings(attack.realm(), Map.of("accessKeyMaxPerUser", "2"));
        try {
            HttpResponse<String> full = importKey("erin", "{\"format\":\"tuleap\",\"key_id\":\"78\",\"verifier_hash\":\""
                    + verifier(RAW) + "\"}");
            assertThat(full.statusCode()).isEqualTo(201);
            assertThat(importKey("erin", "{\"format\":\"tuleap\",\"key_id\":\"79\",\"verifier_hash\":\""
                    + verifier(RAW) + "\"}").statusCode()).isEqualTo(409);
            Realms.updateSettings(attack.realm(), Map.of("accessKeyEnabled", "false"));
            assertThat(importKey("dave", "{\"format\":\"tuleap\",\"key_id\":\"80\",\"verifier_hash\":\""
                    + verifier(RAW) + "\"}").statusCode()).isEqualTo(403);
        } finally {
            Realms.updateSettings(attack.realm(), Map.of("accessKeyMaxPerUser", "50", "accessKeyEnabled", "true"));
        }

        // who may: the admin API's user permissions
        String url = keysUrl("dave") + "/import";
        HttpResponse<String> asUser = Http.send(Http.request(url).header("Authorization", "Bearer "
                        + accountToken("erin", "erin-Attack-1")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tuleap)));
        assertThat(asUser.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = Http.send(Http.request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tuleap)));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> noUser = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/no-such-user/access-keys/import"))
                .header("Authorization", admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tuleap)));
        assertThat(noUser.statusCode()).isEqualTo(404);
        HttpResponse<String> serviceAccount = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/"
                        + attack.userId("service-account-kanboard-app") + "/access-keys/import"))
                .header("Authorization", admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tuleap.replace("77", "81"))));
        assertThat(serviceAccount.statusCode()).isEqualTo(400);
    }

    @Test
    void recordsAndLocatorsWrittenAroundTheExtensionOpenNothing() throws Exception {
        assertThat(importKey("dave", "{\"format\":\"secret\",\"secret\":\"" + KANBOARD_TOKEN + "\"}").statusCode())
                .isEqualTo(201);
        String erinToken = attack.userToken("erin", "erin-Attack-1");
        HttpResponse<String> me = Http.get(attack.server().realmUrl(AttackRealm.REALM) + "/account/",
                "Authorization", "Bearer " + erinToken, "Accept", "application/json");
        ObjectNode profile = (ObjectNode) AttackRealm.json(me);
        ObjectNode attributes = profile.has("attributes") && profile.get("attributes").isObject()
                ? (ObjectNode) profile.get("attributes") : profile.putObject("attributes");
        // erin plants a Tuleap record of her own making, and copies the locator of dave's token
        String verifierB64 = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(RAW));
        attributes.putArray("legacy-auth.access-key.tlp-555").add("{\"hash\":\"" + verifierB64
                + "\",\"description\":\"planted\",\"created\":1795392000,\"scopes\":[],\"format\":\"tuleap\",\"seal\":\"s1.AAAA\"}");
        attributes.putArray("legacy-auth.access-key-locator").add("tuleap:555")
                .add("secret:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        sha256(KANBOARD_TOKEN.getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> written = Http.send(Http.request(attack.server().realmUrl(AttackRealm.REALM) + "/account/")
                .header("Authorization", "Bearer " + erinToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(profile.toString())));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
        assertThat(attack.realm().users().get(attack.userId("erin")).toRepresentation().getAttributes())
                .containsKey("legacy-auth.access-key-locator");

        assertThat(attack.verify("X-Auth-AccessKey", "tlp.k1.555." + HexFormat.of().formatHex(RAW)).statusCode())
                .isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("erin", "tlp.k1.555." + HexFormat.of().formatHex(RAW)))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> stillDaves = attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN);
        assertThat(stillDaves.statusCode()).isEqualTo(200);
        assertThat(stillDaves.headers().firstValue("X-Auth-Username")).hasValue("dave");
        assertThat(attack.verify("Authorization", Http.basic("erin", KANBOARD_TOKEN)).statusCode()).isEqualTo(401);
    }

    /**
     * An admin who can read the owner's attributes copies the owner's locator onto many users: the key
     * still passes as the owner's, and the same key cannot be imported for anyone else.
     */
    @Test
    void copiedLocatorsNeitherHideAKeyNorLetItBeImportedTwice() throws Exception {
        String body = "{\"format\":\"tuleap\",\"key_id\":\"9001\",\"verifier_hash\":\"" + verifier(RAW) + "\"}";
        String key = "tlp.k1.9001." + HexFormat.of().formatHex(RAW);
        assertThat(importKey("erin", body).statusCode()).isEqualTo(201);
        List<String> locator = attack.realm().users().get(attack.userId("erin")).toRepresentation().getAttributes()
                .get("legacy-auth.access-key-locator");
        assertThat(locator).hasSize(1);
        assertThat(locator.get(0)).as("a MAC, nothing a user could compute").startsWith("tuleap:s1.").doesNotContain("9001");
        for (int i = 0; i < 20; i++) {
            UserRepresentation decoy = new UserRepresentation();
            decoy.setUsername("decoy-" + i);
            decoy.setEnabled(true);
            decoy.setEmail("decoy-" + i + "@attack.test");
            decoy.setFirstName("Decoy");
            decoy.setLastName("No" + i);
            decoy.setAttributes(Map.of("legacy-auth.access-key-locator", locator));
            try (var created = attack.realm().users().create(decoy)) {
                assertThat(created.getStatus()).isEqualTo(201);
            }
        }
        assertThat(attack.realm().users().get(attack.userId("decoy-19")).toRepresentation().getAttributes()
                .get("legacy-auth.access-key-locator")).isEqualTo(locator);

        HttpResponse<String> used = attack.verify("X-Auth-AccessKey", key);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Username")).hasValue("erin");
        assertThat(importKey("dave", body).statusCode()).as("the same key for another user").isEqualTo(409);
        assertThat(importKey("decoy-3", body).statusCode()).as("for a decoy").isEqualTo(409);
        // a request that is wrong anyway says so before telling whether the key id is taken
        assertThat(importKey("dave", body.replace("}", ",\"scopes\":[\"no-such-role\"]}")).statusCode()).isEqualTo(400);
        assertThat(attack.verify("X-Auth-AccessKey", key).headers().firstValue("X-Auth-Username")).hasValue("erin");
    }

    /**
     * A holder who may edit her own attributes hides her locator, so that an admin imports her key for
     * someone else, then shows it again: while hidden her key does not pass; once two users hold it, it
     * passes for neither, alone or in Basic. She never signs in as the other user.
     */
    @Test
    void aHolderWhoHidesHerLocatorNeverSignsInAsTheNextOwner() throws Exception {
        String body = "{\"format\":\"tuleap\",\"key_id\":\"43001\",\"verifier_hash\":\"" + verifier(RAW) + "\"}";
        String key = "tlp.k1.43001." + HexFormat.of().formatHex(RAW);
        assertThat(importKey("erin", body).statusCode()).isEqualTo(201);
        assertThat(attack.verify("Authorization", Http.basic("erin", key)).statusCode()).isEqualTo(200);
        List<String> locator = attack.realm().users().get(attack.userId("erin")).toRepresentation().getAttributes()
                .get("legacy-auth.access-key-locator");

        writeOwnLocators("erin", "erin-Attack-1", List.of());
        assertThat(attack.verify("Authorization", Http.basic("erin", key)).statusCode()).as("hidden: Basic").isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).as("hidden: alone").isEqualTo(401);

        assertThat(importKey("dave", body).statusCode()).as("the admin cannot see her record").isEqualTo(201);
        assertThat(attack.verify("X-Auth-AccessKey", key).headers().firstValue("X-Auth-Username")).hasValue("dave");
        assertThat(attack.verify("Authorization", Http.basic("erin", key)).statusCode()).isEqualTo(401);

        writeOwnLocators("erin", "erin-Attack-1", locator);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).as("two holders: alone").isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("dave", key)).statusCode()).as("two holders: dave").isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("erin", key)).statusCode()).as("two holders: erin").isEqualTo(401);

        // the same with a token kept in clear
        String secret = "{\"format\":\"secret\",\"secret\":\"" + KANBOARD_TOKEN + "\"}";
        assertThat(importKey("erin", secret).statusCode()).isEqualTo(201);
        List<String> withToken = attack.realm().users().get(attack.userId("erin")).toRepresentation().getAttributes()
                .get("legacy-auth.access-key-locator");
        writeOwnLocators("erin", "erin-Attack-1", locator);
        assertThat(importKey("dave", secret).statusCode()).isEqualTo(201);
        writeOwnLocators("erin", "erin-Attack-1", withToken);
        assertThat(attack.verify("Authorization", Http.basic("dave", KANBOARD_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(attack.verify("Authorization", Http.basic("erin", KANBOARD_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", KANBOARD_TOKEN).statusCode()).isEqualTo(401);
    }

    /** The user's own attribute {@code legacy-auth.access-key-locator}, written through Keycloak's account API. */
    static void writeOwnLocators(String username, String password, List<String> values) throws Exception {
        attack.writeOwnAttribute(username, password, "legacy-auth.access-key-locator", values);
    }

    /** Two imports of one key for two users at the same instant: one owner, never two. */
    @Test
    void parallelImportsOfOneKeyGiveItOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String body = "{\"format\":\"tuleap\",\"key_id\":\"" + (8000 + round) + "\",\"verifier_hash\":\""
                    + verifier(RAW) + "\"}";
            List<Integer> statuses = AttackRealm.inParallel(List.of(
                    () -> importKey("erin", body).statusCode(), () -> importKey("dave", body).statusCode()));
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
            assertThat(attack.verify("X-Auth-AccessKey", "tlp.k1." + (8000 + round) + "." + HexFormat.of().formatHex(RAW))
                    .statusCode()).isEqualTo(200);
        }
    }

    /**
     * Grants racing the revocation of an imported Tuleap key, then the same key imported again: the id
     * and the secret are the same, the record is not, so no session from before the revocation works again.
     */
    @Test
    void sessionsFromBeforeARevocationStayDeadWhenTheSameKeyIsImportedAgain() throws Exception {
        String key = "tlp.k1.7700." + HexFormat.of().formatHex(RAW);
        String body = "{\"format\":\"tuleap\",\"key_id\":\"7700\",\"verifier_hash\":\"" + verifier(RAW) + "\"}";
        for (int round = 0; round < 3; round++) {
            assertThat(importKey("erin", body).statusCode()).isEqualTo(201);
            List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> attack.grant("legacy-gateway", "gateway-secret", "X-Auth-AccessKey", key, null));
                if (i == 6) {
                    calls.add(() -> Http.send(Http.request(keysUrl("erin") + "/tlp-7700").header("Authorization", admin())
                            .DELETE()));
                }
            }
            List<String> refreshTokens = new java.util.ArrayList<>();
            for (HttpResponse<String> answer : AttackRealm.inParallel(calls)) {
                if (answer.statusCode() == 200 && answer.body().contains("refresh_token")) {
                    refreshTokens.add(AttackRealm.json(answer).get("refresh_token").asText());
                }
            }
            assertThat(importKey("erin", body).statusCode()).isEqualTo(201);

            for (String refreshToken : refreshTokens) {
                HttpResponse<String> refresh = attack.refresh("legacy-gateway", "gateway-secret", refreshToken);
                assertThat(refresh.statusCode()).as("round " + round + ": " + refresh.body()).isEqualTo(400);
            }
            assertThat(revoke("erin", "tlp-7700")).isEqualTo(204);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    static String verifier(byte[] raw) {
        return HexFormat.of().formatHex(sha256(raw));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String admin() {
        return "Bearer " + attack.masterAdminToken();
    }

    static String keysUrl(String username) {
        return attack.adminUrl("/legacy-auth/users/" + attack.userId(username) + "/access-keys");
    }

    static HttpResponse<String> importKey(String username, String body) {
        return Http.send(Http.request(keysUrl(username) + "/import")
                .header("Authorization", admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static int revoke(String username, String id) {
        return Http.send(Http.request(keysUrl(username) + "/" + id).header("Authorization", admin()).DELETE()).statusCode();
    }

    static JsonNode list(String username) {
        try {
            return AttackRealm.json(Http.get(keysUrl(username), "Authorization", admin()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode find(JsonNode keys, String id) {
        for (JsonNode key : keys) {
            if (id.equals(key.get("id").asText())) {
                return key;
            }
        }
        throw new AssertionError("no key " + id + " in " + keys);
    }

    /** A token for the account console's audience, as the account console holds one. */
    static String accountToken(String username, String password) throws Exception {
        return attack.userToken(username, password);
    }
}
