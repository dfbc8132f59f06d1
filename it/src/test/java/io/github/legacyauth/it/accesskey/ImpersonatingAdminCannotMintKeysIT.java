package io.github.legacyauth.it.accesskey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * An admin with the impersonation role signs in to erin's account console as erin. A key minted there
 * would outlive the impersonation and a password reset, and its event would name erin alone.
 */
class ImpersonatingAdminCannotMintKeysIT extends AttackRealmTest {

    @Test
    void anImpersonatedSessionCreatesNoKey() throws Exception {
        String token = attack.impersonatedAccountToken("erin");
        String existing = attack.createKey("erin", "{\"description\":\"erin's own\"}");
        String existingId = AttackRealm.keyId(existing);

        HttpResponse<String> created = Http.send(Http.request(attack.url("/account/access-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"the admin's backdoor\"}")));
        HttpResponse<String> regenerated = Http.send(Http.request(attack.url("/account/access-keys/" + existingId + "/regenerate"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(403);
        assertThat(regenerated.statusCode()).as(regenerated.body()).isEqualTo(403);
        assertThat(created.body() + regenerated.body()).doesNotContain("lak_");
        assertThat(attack.verify("X-Auth-AccessKey", existing).statusCode()).as("the old secret still works").isEqualTo(200);
        List<EventRepresentation> refusals = attack.realm().getEvents(List.of("UPDATE_CREDENTIAL_ERROR"), null,
                attack.userId("erin"), null, null, null, 0, 10);
        assertThat(refusals).isNotEmpty();
        assertThat(refusals.get(0).getDetails()).containsEntry("impersonator", "admin");
    }

    /**
     * The impersonating admin opens dave's admin console (dave manages users): a key minted for bob at the
     * extension's admin endpoint would outlive the impersonation and be recorded as dave's act.
     */
    @Test
    void anImpersonatedAdminConsoleMintsNoKeyForAnyone() throws Exception {
        String token = attack.impersonatedToken("dave", "security-admin-console",
                attack.server().baseUrl() + "/admin/" + AttackRealm.REALM + "/console/");
        String bobsKey = attack.createKey("bob", "{\"description\":\"bob's script\"}");

        HttpResponse<String> minted = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + attack.userId("bob")
                        + "/access-keys"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"the impersonator's way back\"}")));
        HttpResponse<String> listed = Http.get(attack.adminUrl("/legacy-auth/users/" + attack.userId("bob") + "/access-keys"),
                "Authorization", "Bearer " + token);
        HttpResponse<String> revoked = Http.send(Http.request(attack.adminUrl("/legacy-auth/users/" + attack.userId("bob")
                + "/access-keys/" + AttackRealm.keyId(bobsKey))).header("Authorization", "Bearer " + token).DELETE());

        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(403);
        assertThat(minted.body()).doesNotContain("lak_");
        assertThat(listed.statusCode()).as("reading is allowed").isEqualTo(200);
        assertThat(revoked.statusCode()).as("revoking is allowed").isIn(200, 204);
        assertThat(attack.verify("X-Auth-AccessKey", bobsKey).statusCode()).isEqualTo(401);
    }

    /** Revoking reduces what the user's credentials reach: allowed, and recorded as the admin's act. */
    @Test
    void anImpersonatedSessionMayRevokeAndTheEventNamesTheAdmin() throws Exception {
        String token = attack.impersonatedAccountToken("erin");
        String key = attack.createKey("erin", "{\"description\":\"to revoke\"}");

        HttpResponse<String> revoked = Http.send(Http.request(attack.url("/account/access-keys/" + AttackRealm.keyId(key)))
                .header("Authorization", "Bearer " + token).DELETE());

        assertThat(revoked.statusCode()).as(revoked.body()).isIn(200, 204);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
        List<EventRepresentation> removals = attack.realm().getEvents(List.of("REMOVE_CREDENTIAL"), null,
                attack.userId("erin"), null, null, null, 0, 10);
        assertThat(removals.get(0).getDetails()).containsEntry("impersonator", "admin");
    }
}
