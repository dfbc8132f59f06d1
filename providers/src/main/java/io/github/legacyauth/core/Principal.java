package io.github.legacyauth.core;

import java.util.Set;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who a legacy credential stands for: the Keycloak user, the roles it may act with now, and how it
 * proved itself. {@code keyId} names the access key or token used, when there is one; {@code secretMark}
 * tells the secret it was presented with from any later one of the same key (see
 * {@code AccessKeyVerifier#sessionNote}), so what it opens ends when the key gets a new secret; it is
 * worked out only by the door that opens a session (an HMAC, not spent on every forward-auth request).
 */
public record Principal(UserModel user, Set<RoleModel> roles, String scheme, String keyId,
                        java.util.function.Supplier<String> secretMark) {

    public Principal {
        roles = Set.copyOf(roles);
        secretMark = secretMark == null ? () -> null : secretMark;
    }

    public Principal(UserModel user, Set<RoleModel> roles, String scheme, String keyId) {
        this(user, roles, scheme, keyId, () -> null);
    }
}
