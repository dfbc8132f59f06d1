package io.github.legacyauth.basic;

import org.keycloak.models.UserModel;

import io.github.legacyauth.accesskey.AccessKeySchemeFactory;
import io.github.legacyauth.accesskey.AccessKeyVerifier;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordLogin;
import io.github.legacyauth.core.SchemeContext;

/**
 * What a user-id and password pair proves: with the application API's username (Kanboard's
 * {@code jsonrpc}), an application token; where the realm accepts access keys and the "password" is one,
 * that key of that user (as GitLab accepts a token in place of a password), or a token imported from the
 * legacy application in clear (Kanboard's personal API token); otherwise the user's password.
 */
final class BasicLogin {

    private BasicLogin() {
    }

    static Outcome attempt(SchemeContext context, String scheme, BasicCredential credential) {
        AppApiSettings appApi = AppApiSettings.of(context.settings());
        if (appApi.claims(credential.username())) {
            return AppTokenVerifier.verify(context, appApi, credential.password());
        }
        boolean keys = AccessKeySchemeFactory.enabledIn(context.settings());
        if (keys && AccessKeyVerifier.claims(credential.password())) {
            return AccessKeyVerifier.verify(context, credential.password(), credential.username());
        }
        UserModel user = PasswordLogin.findUser(context.session(), context.realm(), credential.username());
        if (keys) {
            Outcome imported = AccessKeyVerifier.verifyImportedSecret(context, user, credential.password());
            if (imported != null) {
                return imported;
            }
        }
        return PasswordLogin.attempt(context, scheme, credential.username(), user, credential.password());
    }
}
