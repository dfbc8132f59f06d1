package io.github.legacyauth.verify;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.RoleNames;

/**
 * The identity /verify hands to the gateway, as headers and as JSON. Realm roles by name, client roles
 * as {@code clientId:role}, sorted so the answer is stable.
 */
public record Identity(@JsonProperty("user_id") String userId,
                       @JsonProperty("username") String username,
                       @JsonProperty("email") String email,
                       @JsonProperty("email_verified") boolean emailVerified,
                       @JsonProperty("roles") List<String> roles,
                       @JsonProperty("scheme") String scheme) {

    public static final String USER_ID = "X-Auth-User-Id";
    public static final String USERNAME = "X-Auth-Username";
    public static final String EMAIL = "X-Auth-Email";
    /**
     * {@code true} or {@code false}: whether Keycloak verified the e-mail. Users may change their own
     * address (account console) to any text; an application that trusts an address checks this first.
     */
    public static final String EMAIL_VERIFIED = "X-Auth-Email-Verified";
    public static final String ROLES = "X-Auth-Roles";
    public static final String SCHEME = "X-Auth-Scheme";

    static Identity of(Principal principal) {
        List<String> roles = principal.roles().stream()
                .map(RoleNames::of)
                .sorted(Comparator.naturalOrder())
                .toList();
        String email = principal.user().getEmail();
        return new Identity(principal.user().getId(), principal.user().getUsername(),
                email == null ? "" : email, email != null && principal.user().isEmailVerified(), roles, principal.scheme());
    }
}
