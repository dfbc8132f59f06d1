package io.github.legacyauth.core;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * The one spelling of roles on the wire: realm roles by name, client roles as {@code clientId:role}.
 * Used in {@code X-Auth-Roles} and for the scopes of access keys.
 */
public final class RoleNames {

    private RoleNames() {
    }

    public static String of(RoleModel role) {
        return role.isClientRole()
                ? ((ClientModel) role.getContainer()).getClientId() + ":" + role.getName()
                : role.getName();
    }

    /** The role a name stands for, or null: a realm role first, then {@code clientId:role}. */
    public static RoleModel find(RealmModel realm, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        RoleModel realmRole = realm.getRole(name);
        if (realmRole != null) {
            return realmRole;
        }
        int colon = name.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, colon));
        return client == null ? null : client.getRole(name.substring(colon + 1));
    }
}
