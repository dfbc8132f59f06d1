package io.github.legacyauth.core;

import java.util.Set;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who a legacy credential stands for: the Keycloak user, the roles it may act with now, and how it
 * proved itself. {@code keyId} names the access key or token used, when there is one.
 */
public record Principal(UserModel user, Set<RoleModel> roles, String scheme, String keyId) {

    public Principal {
        roles = Set.copyOf(roles);
    }
}
