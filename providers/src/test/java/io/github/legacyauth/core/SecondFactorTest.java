package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

/** Who counts as a user with a second factor, read from their credentials and the realm's browser flow. */
class SecondFactorTest {

    private final Map<String, List<AuthenticationExecutionModel>> flows = new HashMap<>();
    private final RealmModel realm = mock(RealmModel.class);

    SecondFactorTest() {
        AuthenticationFlowModel browser = new AuthenticationFlowModel();
        browser.setId("browser");
        when(realm.getBrowserFlow()).thenReturn(browser);
        when(realm.getAuthenticationExecutionsStream(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> flows.getOrDefault(call.getArgument(0, String.class), List.of()).stream());
    }

    /** Keycloak 26's default: cookie | IdP | forms(password, conditional 2FA if the user has one). */
    private void defaultBrowserFlow(Requirement twoFactor) {
        add("browser", step("auth-cookie", Requirement.ALTERNATIVE));
        add("browser", step("identity-provider-redirector", Requirement.ALTERNATIVE));
        add("browser", flow("forms", Requirement.ALTERNATIVE));
        add("forms", step("auth-username-password-form", Requirement.REQUIRED));
        add("forms", flow("2fa", twoFactor));
        add("2fa", step("conditional-user-configured", Requirement.REQUIRED));
        add("2fa", step("conditional-credential", Requirement.REQUIRED));
        add("2fa", step("auth-otp-form", Requirement.ALTERNATIVE));
        add("2fa", step("webauthn-authenticator", Requirement.DISABLED));
    }

    @Test
    void theDefaultFlowAsksOnlyUsersWhoHaveOne() {
        defaultBrowserFlow(Requirement.CONDITIONAL);

        assertThat(SecondFactor.browserFlowAsksEveryone(realm)).isFalse();
        assertThat(SecondFactor.blocksPassword(settings(false), realm, user("password"))).isFalse();
        assertThat(SecondFactor.blocksPassword(settings(false), realm, user("password", "otp"))).isTrue();
        assertThat(SecondFactor.blocksPassword(settings(false), realm, user("password", "webauthn-passwordless"))).isTrue();
        assertThat(SecondFactor.blocksPassword(settings(false), realm, user("password", "recovery-authn-codes"))).isTrue();
    }

    @Test
    void aRequiredSecondFactorStepAsksEveryone() {
        defaultBrowserFlow(Requirement.REQUIRED);

        assertThat(SecondFactor.blocksPassword(settings(false), realm, user("password"))).isTrue();
    }

    @Test
    void aConditionOtherThanHavingOneIsReadAsAskingEveryone() {
        defaultBrowserFlow(Requirement.CONDITIONAL);
        add("2fa", step("conditional-user-role", Requirement.REQUIRED));

        assertThat(SecondFactor.browserFlowAsksEveryone(realm)).isTrue();
    }

    @Test
    void aRequiredOtpFormAnywhereOnTheWayAsksEveryone() {
        add("browser", flow("forms", Requirement.REQUIRED));
        add("forms", step("auth-username-password-form", Requirement.REQUIRED));
        add("forms", step("auth-otp-form", Requirement.REQUIRED));

        assertThat(SecondFactor.browserFlowAsksEveryone(realm)).isTrue();
    }

    @Test
    void disabledStepsAndDisabledFlowsAskNobody() {
        add("browser", step("auth-username-password-form", Requirement.REQUIRED));
        add("browser", step("auth-otp-form", Requirement.DISABLED));
        add("browser", flow("off", Requirement.DISABLED));
        add("off", step("auth-otp-form", Requirement.REQUIRED));

        assertThat(SecondFactor.browserFlowAsksEveryone(realm)).isFalse();
    }

    @Test
    void theRealmSettingAndServiceAccountsPass() {
        defaultBrowserFlow(Requirement.REQUIRED);
        UserModel serviceAccount = user();
        when(serviceAccount.getServiceAccountClientLink()).thenReturn("client-id");

        assertThat(SecondFactor.blocksPassword(settings(true), realm, user("password", "otp"))).isFalse();
        assertThat(SecondFactor.blocksPassword(settings(false), realm, serviceAccount)).isFalse();
    }

    private static RealmSettings settings(boolean allowed) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(SecondFactor.SETTING, String.valueOf(allowed));
        return RealmSettings.of(config);
    }

    private static UserModel user(String... credentialTypes) {
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsStream()).thenAnswer(call -> Stream.of(credentialTypes).map(type -> {
            CredentialModel credential = new CredentialModel();
            credential.setType(type);
            return credential;
        }));
        return user;
    }

    private void add(String flowId, AuthenticationExecutionModel execution) {
        execution.setPriority(flows.computeIfAbsent(flowId, id -> new ArrayList<>()).size());
        flows.get(flowId).add(execution);
    }

    private static AuthenticationExecutionModel step(String authenticator, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticator(authenticator);
        execution.setRequirement(requirement);
        return execution;
    }

    private static AuthenticationExecutionModel flow(String flowId, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setAuthenticatorFlow(true);
        execution.setFlowId(flowId);
        execution.setRequirement(requirement);
        return execution;
    }

}
