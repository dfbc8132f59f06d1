package io.github.legacyauth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;

/** Keycloak's computed {@code UPDATE_PASSWORD}: a password older than the realm policy's expiry. */
class UserStandingTest {

    @Test
    void aPasswordOlderThanThePolicyAllowsHasExpired() {
        assertThat(UserStanding.passwordExpired(realmExpiringAfter(30), userWithPasswordAgedDays(31))).isTrue();
        assertThat(UserStanding.passwordExpired(realmExpiringAfter(30), userWithPasswordAgedDays(29))).isFalse();
    }

    @Test
    void withoutAnExpiryNoPasswordExpires() {
        assertThat(UserStanding.passwordExpired(realmExpiringAfter(-1), userWithPasswordAgedDays(10_000))).isFalse();
    }

    @Test
    void aPasswordWithoutACreationTimeHasExpired() {
        UserModel user = userWithPasswordAgedDays(0);
        user.credentialManager().getStoredCredentialsByTypeStream("password").findFirst().orElseThrow().setCreatedDate(null);

        assertThat(UserStanding.passwordExpired(realmExpiringAfter(30), user)).isTrue();
    }

    private static RealmModel realmExpiringAfter(int days) {
        RealmModel realm = mock(RealmModel.class);
        PasswordPolicy policy = mock(PasswordPolicy.class);
        when(policy.getDaysToExpirePassword()).thenReturn(days);
        when(realm.getPasswordPolicy()).thenReturn(policy);
        return realm;
    }

    private static UserModel userWithPasswordAgedDays(int days) {
        CredentialModel password = new CredentialModel();
        password.setType("password");
        password.setCreatedDate(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(days));
        UserModel user = mock(UserModel.class);
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(user.credentialManager()).thenReturn(credentials);
        when(credentials.getStoredCredentialsByTypeStream("password")).thenAnswer(call -> Stream.of(password));
        return user;
    }
}
