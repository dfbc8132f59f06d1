package io.github.legacyauth.core;

import java.util.List;
import java.util.Set;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Users with a second factor use access keys, not their password: a password scheme would let the
 * password alone in where Keycloak's own login asks for the second factor too (as GitHub wants tokens of
 * accounts with two-factor authentication, and Google app passwords). A user has a second factor when
 * they have an OTP, WebAuthn, passkey or recovery-code credential, or when the realm's browser flow asks
 * every user for one (a required second-factor step, or a conditional one under a condition other than
 * "the user has one configured"). The realm setting {@value #SETTING} lets them use their password anyway.
 */
public final class SecondFactor {

    /** Realm setting: users with a second factor may still use the password schemes. */
    public static final String SETTING = "passwordSchemesForSecondFactorUsers";
    /** Event error of a password login refused because the user has a second factor. */
    public static final String EVENT_ERROR = "legacy_second_factor_user";

    static final Set<String> CREDENTIAL_TYPES = Set.of(OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            WebAuthnCredentialModel.TYPE_PASSWORDLESS, RecoveryAuthnCodesCredentialModel.TYPE);
    static final Set<String> AUTHENTICATORS = Set.of("auth-otp-form", "auth-conditional-otp-form",
            "webauthn-authenticator", "webauthn-authenticator-passwordless", "auth-recovery-authn-code-form");
    /** Conditions under which a conditional second-factor step asks only users who have one configured. */
    static final Set<String> CONFIGURED_ONLY_CONDITIONS = Set.of("conditional-user-configured", "conditional-credential");
    private static final int MAX_DEPTH = 10;

    private SecondFactor() {
    }

    /** Whether the user may not use a password scheme in this realm. */
    public static boolean blocksPassword(RealmSettings settings, RealmModel realm, UserModel user) {
        if (settings.isOn(SETTING) || user.getServiceAccountClientLink() != null) {
            return false;
        }
        return configured(user) || browserFlowAsksEveryone(realm);
    }

    /** Whether the user has a second-factor credential. */
    static boolean configured(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
                .anyMatch(credential -> CREDENTIAL_TYPES.contains(credential.getType()));
    }

    /** Whether the realm's browser flow asks every user for a second factor. */
    static boolean browserFlowAsksEveryone(RealmModel realm) {
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        return browser != null && asksEveryone(realm, browser.getId(), 0);
    }

    private static boolean asksEveryone(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return true; // a flow nested this deep is not one we can read: fail closed
        }
        List<AuthenticationExecutionModel> executions = realm.getAuthenticationExecutionsStream(flowId).toList();
        boolean anyRequired = executions.stream().anyMatch(e -> e.isRequired() && !e.isAuthenticatorFlow()
                && !isCondition(e));
        List<AuthenticationExecutionModel> alternatives = executions.stream().filter(AuthenticationExecutionModel::isAlternative)
                .toList();
        if (!anyRequired && !alternatives.isEmpty() && alternatives.stream().allMatch(e -> !e.isAuthenticatorFlow()
                && AUTHENTICATORS.contains(e.getAuthenticator()))) {
            return true; // nothing but a choice of second factors
        }
        for (AuthenticationExecutionModel execution : executions) {
            if (execution.isAuthenticatorFlow()) {
                boolean entered = execution.isRequired() || execution.isAlternative()
                        || (execution.isConditional() && !onlyForConfiguredUsers(realm, execution.getFlowId()));
                if (entered && asksEveryone(realm, execution.getFlowId(), depth + 1)) {
                    return true;
                }
            } else if (execution.isRequired() && AUTHENTICATORS.contains(execution.getAuthenticator())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCondition(AuthenticationExecutionModel execution) {
        return execution.getAuthenticator() != null && execution.getAuthenticator().startsWith("conditional-");
    }

    /** A conditional subflow whose conditions all ask whether the user has the credential configured. */
    private static boolean onlyForConfiguredUsers(RealmModel realm, String flowId) {
        List<AuthenticationExecutionModel> conditions = realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> !e.isDisabled() && !e.isAuthenticatorFlow() && isCondition(e)).toList();
        return !conditions.isEmpty() && conditions.stream()
                .anyMatch(e -> "conditional-user-configured".equals(e.getAuthenticator()))
                && conditions.stream().allMatch(e -> CONFIGURED_ONLY_CONDITIONS.contains(e.getAuthenticator()));
    }

    /** The setting on the realm's settings page. */
    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(SETTING)
                .label("Password schemes for users with a second factor")
                .helpText("Off (the default): a user with an OTP, WebAuthn, passkey or recovery-code credential, or"
                        + " every user when the browser flow requires a second factor, cannot use any password"
                        + " scheme (Basic or the custom header with a password, /a, /tokens, /auth/login, the header"
                        + " grant) and uses access keys instead; sessions their password opened end. On: the"
                        + " password alone lets them in where Keycloak's own login also asks for the second factor,"
                        + " so a stolen password is enough to use the legacy API as them.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .add()
                .build();
    }
}
