package io.github.legacyauth.it.harness;

import java.util.Map;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import io.github.legacyauth.admin.SettingsPageFactory;

/** Admin-side shortcuts the tests share. */
public final class Realms {

    public static final String SETTINGS_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    private Realms() {
    }

    /** The realm's legacy-auth settings component, as the admin console page stores it. */
    public static ComponentRepresentation settings(RealmResource realm) {
        return realm.components().query(realm.toRepresentation().getId(), SETTINGS_TYPE).stream()
                .filter(c -> SettingsPageFactory.PROVIDER_ID.equals(c.getProviderId()))
                .findFirst()
                .orElseThrow();
    }

    /** Changes settings through the admin REST API, as saving the admin console page does. */
    public static void updateSettings(RealmResource realm, Map<String, String> changes) {
        ComponentRepresentation settings = settings(realm);
        MultivaluedHashMap<String, String> config = settings.getConfig();
        changes.forEach(config::putSingle);
        realm.components().component(settings.getId()).update(settings);
    }

    /** Keycloak counts login failures on a background thread: waits until it has counted {@code expected}. */
    public static void awaitLoginFailures(RealmResource realm, String userId, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        Object count = null;
        while (System.nanoTime() < deadline) {
            count = realm.attackDetection().bruteForceUserStatus(userId).get("numFailures");
            if (count instanceof Number number && number.intValue() == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Expected " + expected + " login failures of " + userId + ", Keycloak counted " + count);
    }

    /**
     * The most permissive user profile: unmanaged attributes editable by admins and by users themselves
     * (Keycloak's {@code ENABLED} policy), as an attacker of the records in user attributes would wish.
     */
    public static void letUsersEditUnmanagedAttributes(RealmResource realm) {
        org.keycloak.representations.userprofile.config.UPConfig profile = realm.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(
                org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.users().userProfile().update(profile);
    }

    public static UserRepresentation user(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0);
    }
}
