package io.github.legacyauth.core;

import org.jboss.logging.Logger;
import org.keycloak.events.Errors;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The "API access" grant: when the realm names a role, only users holding it (directly, through a group
 * or a composite) may use any legacy scheme. Everyone else, once they have proved who they are, gets 403.
 */
final class ApiAccessGate {

    private static final Logger LOG = Logger.getLogger(ApiAccessGate.class);

    private ApiAccessGate() {
    }

    static Outcome apply(SchemeContext context, Outcome outcome) {
        if (!(outcome instanceof Outcome.Authenticated authenticated)) {
            return outcome;
        }
        String roleName = context.settings().apiAccessRole();
        if (roleName == null) {
            return outcome;
        }
        UserModel user = authenticated.principal().user();
        RoleModel role = KeycloakModelUtils.getRoleFromString(context.realm(), roleName);
        if (role == null) {
            LOG.warnf("Realm %s names API-access role '%s' in its legacy-auth settings, but no such role exists;"
                    + " refusing every legacy login until it is fixed", context.realm().getName(), roleName);
            return Outcome.forbidden(Errors.NOT_ALLOWED, user);
        }
        return user.hasRole(role) ? outcome : Outcome.forbidden(Errors.NOT_ALLOWED, user);
    }
}
