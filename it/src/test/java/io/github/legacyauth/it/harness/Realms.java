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

    public static UserRepresentation user(RealmResource realm, String username) {
        return realm.users().searchByUsername(username, true).get(0);
    }
}
