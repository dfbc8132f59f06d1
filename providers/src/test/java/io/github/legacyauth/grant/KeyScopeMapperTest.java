package io.github.legacyauth.grant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

class KeyScopeMapperTest {

    private static AccessToken token() {
        AccessToken token = new AccessToken();
        token.setRealmAccess(new AccessToken.Access().addRole("api-access").addRole("editor").addRole("viewer"));
        token.addAccess("legacy-app").addRole("reader").addRole("writer");
        token.addAccess("account").addRole("manage-account");
        return token;
    }

    @Test
    void keepsOnlyTheKeysRoles() {
        AccessToken narrowed = KeyScopeMapper.narrow(token(), "editor,legacy-app:reader");

        assertThat(narrowed.getRealmAccess().getRoles()).containsExactly("editor");
        assertThat(narrowed.getResourceAccess()).containsOnlyKeys("legacy-app");
        assertThat(narrowed.getResourceAccess("legacy-app").getRoles()).containsExactly("reader");
    }

    @Test
    void anEmptyScopeLeavesNoRoles() {
        AccessToken narrowed = KeyScopeMapper.narrow(token(), "");

        assertThat(narrowed.getRealmAccess().getRoles()).isEmpty();
        assertThat(narrowed.getResourceAccess()).isEmpty();
    }

    @Test
    void sessionsNotOpenedByAScopedKeyPassUnchanged() {
        AccessToken narrowed = KeyScopeMapper.narrow(token(), (String) null);

        assertThat(narrowed.getRealmAccess().getRoles()).containsExactlyInAnyOrder("api-access", "editor", "viewer");
        assertThat(narrowed.getResourceAccess()).containsOnlyKeys("legacy-app", "account");
    }

    @Test
    void aClientRoleNeedsItsClientPrefix() {
        // "reader" as a realm-role name does not grant the client role legacy-app:reader
        AccessToken narrowed = KeyScopeMapper.narrow(token(), "reader");

        assertThat(narrowed.getResourceAccess()).isEmpty();
    }
}
