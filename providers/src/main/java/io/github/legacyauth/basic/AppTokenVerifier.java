package io.github.legacyauth.basic;

import org.jboss.logging.Logger;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.Principal;
import io.github.legacyauth.core.SchemeContext;

/** {@code jsonrpc:<application token>}: the configured client's service account, with its roles. */
final class AppTokenVerifier {

    /** X-Auth-Scheme and event scheme of the application API. */
    static final String SCHEME = "app-token";
    static final String TOKEN_ID_DETAIL = "legacy_auth_app_token_id";

    private static final Logger LOG = Logger.getLogger(AppTokenVerifier.class);

    private AppTokenVerifier() {
    }

    static Outcome verify(SchemeContext context, AppApiSettings settings, String presented) {
        ClientModel client = settings.clientId() == null ? null : context.realm().getClientByClientId(settings.clientId());
        UserModel serviceAccount = client == null || !client.isEnabled() ? null
                : context.session().users().getServiceAccount(client);
        if (serviceAccount == null) {
            LOG.warnf("Realm %s has the application API on, but client '%s' is missing, disabled or has no service"
                    + " account", context.realm().getName(), settings.clientId());
            return Outcome.unauthenticated(Errors.CLIENT_NOT_FOUND, null);
        }
        context.event().user(serviceAccount).client(client);
        AppTokenStore.StoredToken token = new AppTokenStore(context.realm()).find(serviceAccount, presented);
        if (token == null) {
            return Outcome.unauthenticated(Errors.INVALID_CLIENT_CREDENTIALS, serviceAccount);
        }
        context.event().detail(TOKEN_ID_DETAIL, token.id());
        if (!serviceAccount.isEnabled()) {
            return Outcome.unauthenticated(Errors.USER_DISABLED, serviceAccount);
        }
        return Outcome.authenticated(new Principal(serviceAccount, RoleUtils.getDeepUserRoleMappings(serviceAccount),
                SCHEME, token.id()));
    }
}
