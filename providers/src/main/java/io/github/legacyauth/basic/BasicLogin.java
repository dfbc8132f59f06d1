package io.github.legacyauth.basic;

import io.github.legacyauth.accesskey.AccessKeySchemeFactory;
import io.github.legacyauth.accesskey.AccessKeyFormat;
import io.github.legacyauth.accesskey.AccessKeyVerifier;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.PasswordLogin;
import io.github.legacyauth.core.SchemeContext;

/**
 * What a user-id and password pair proves: with the application API's username (Kanboard's
 * {@code jsonrpc}), an application token; where the realm accepts access keys and the "password" is one,
 * that key of that user (as GitLab accepts a token in place of a password); otherwise the user's password.
 */
final class BasicLogin {

    private BasicLogin() {
    }

    static Outcome attempt(SchemeContext context, String scheme, BasicCredential credential) {
        AppApiSettings appApi = AppApiSettings.of(context.settings());
        if (appApi.claims(credential.username())) {
            return AppTokenVerifier.verify(context, appApi, credential.password());
        }
        if (AccessKeyFormat.looksLikeKey(credential.password())
                && AccessKeySchemeFactory.enabledIn(context.settings())) {
            return AccessKeyVerifier.verify(context, credential.password(), credential.username());
        }
        return PasswordLogin.attempt(context, scheme, credential.username(), credential.password());
    }
}
