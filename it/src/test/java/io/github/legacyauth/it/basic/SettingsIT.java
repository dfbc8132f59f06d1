package io.github.legacyauth.it.basic;

import static io.github.legacyauth.it.harness.Http.b64;
import static io.github.legacyauth.it.harness.Http.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticatorConfigInfoRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** Realm settings: stored in the realm component the admin page edits, applied on the next request. */
@ExtendWith(RealKeycloak.class)
class SettingsIT {

    static KeycloakServer server;
    static RealmResource realm;
    static String verify;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/settings-it.json");
        realm = server.admin().realm("settings-it");
        verify = server.legacyAuthUrl("settings-it") + "/verify";
    }

    @AfterEach
    void restoreSettings() {
        // an empty value removes a key, as the admin console does when a field is cleared
        Realms.updateSettings(realm, Map.of("basicEnabled", "true", "headerEnabled", "true",
                "apiAccessRole", "api-access", "headerName", ""));
    }

    @Test
    void headerNameChangeAppliesToTheNextRequestWithoutRestart() {
        String credential = b64("alice:alice-Settings-1");
        assertThat(Http.get(verify, "X-API-Auth", credential).statusCode()).isEqualTo(200);

        Realms.updateSettings(realm, Map.of("headerName", "X-Legacy-Credential"));

        assertThat(Http.get(verify, "X-Legacy-Credential", credential).statusCode()).isEqualTo(200);
        assertThat(Http.get(verify, "X-API-Auth", credential).statusCode()).isEqualTo(401);
    }

    @Test
    void switchedOffSchemeIsForbiddenWhileTheOtherStillWorks() {
        Realms.updateSettings(realm, Map.of("basicEnabled", "false"));

        var basic = Http.get(verify, "Authorization", basic("alice", "alice-Settings-1"));
        assertThat(basic.statusCode()).isEqualTo(403);
        assertThat(basic.body()).contains("switched off");
        assertThat(Http.get(verify, "X-API-Auth", b64("alice:alice-Settings-1")).statusCode()).isEqualTo(200);
        // with Basic off, a 401 no longer invites Basic credentials
        var none = Http.get(verify);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void apiAccessGateFollowsTheSetting() {
        assertThat(Http.get(verify, "Authorization", basic("bob", "bob-Settings-1")).statusCode()).isEqualTo(403);

        Realms.updateSettings(realm, Map.of("apiAccessRole", ""));

        assertThat(Http.get(verify, "Authorization", basic("bob", "bob-Settings-1")).statusCode()).isEqualTo(200);
    }

    @Test
    void grantingTheRoleOpensTheGateAtOnce() {
        var bob = realm.users().get(Realms.user(realm, "bob").getId());
        var apiAccess = realm.roles().get("api-access").toRepresentation();
        assertThat(Http.get(verify, "Authorization", basic("bob", "bob-Settings-1")).statusCode()).isEqualTo(403);
        bob.roles().realmLevel().add(java.util.List.of(apiAccess));
        try {
            assertThat(Http.get(verify, "Authorization", basic("bob", "bob-Settings-1")).statusCode()).isEqualTo(200);
        } finally {
            bob.roles().realmLevel().remove(java.util.List.of(apiAccess));
        }
        assertThat(Http.get(verify, "Authorization", basic("bob", "bob-Settings-1")).statusCode()).isEqualTo(403);
    }

    @Test
    void reservedHeaderNameIsRefusedAndNotSaved() {
        assertThatThrownBy(() -> Realms.updateSettings(realm, Map.of("headerName", "Authorization")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                        .contains("reserved"));
        assertThat(Realms.settings(realm).getConfig().getFirst("headerName")).isNotEqualTo("Authorization");
    }

    @Test
    void unknownApiAccessRoleIsRefused() {
        assertThatThrownBy(() -> Realms.updateSettings(realm, Map.of("apiAccessRole", "no-such-role")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).getResponse().readEntity(String.class))
                        .contains("does not exist"));
    }

    @Test
    void aSecondSettingsComponentIsRefused() {
        ComponentRepresentation second = new ComponentRepresentation();
        second.setName("second");
        second.setProviderId("legacy-auth-settings");
        second.setProviderType(Realms.SETTINGS_TYPE);
        second.setParentId(realm.toRepresentation().getId());
        try (var response = realm.components().add(second)) {
            assertThat(response.getStatus()).isEqualTo(400);
        }
    }

    @Test
    void negativeLifetimesAreRefused() {
        for (String lifetime : new String[] {"tokenPairLifetimeSeconds", "sessionCookieMaxAgeSeconds", "bearerLifetimeSeconds",
                "accessKeyMaxLifetimeDays"}) {
            assertThatThrownBy(() -> Realms.updateSettings(realm, Map.of(lifetime, "-5")))
                    .as(lifetime)
                    .isInstanceOf(BadRequestException.class);
            assertThat(Realms.settings(realm).getConfig().getFirst(lifetime)).as(lifetime).isNotEqualTo("-5");
        }
    }

    @Test
    void settingsImportedWithoutANameAreListedUnderTheDefaultName() {
        // settings-it.json has no displayName; the admin console lists and titles the item by it
        assertThat(Realms.settings(realm).getConfig().getFirst("displayName")).isEqualTo("Legacy API authentication");
    }

    @Test
    void theAdminConsoleDescribesEverySettingAndShowsTheVersion() {
        ServerInfoRepresentation info = server.admin().serverInfo().getInfo();

        ComponentTypeRepresentation page = info.getComponentTypes().get(Realms.SETTINGS_TYPE).stream()
                .filter(type -> type.getId().equals("legacy-auth-settings")).findFirst().orElseThrow();
        assertThat(page.getMetadata().get("displayFields")).isEqualTo(List.of("displayName", "apiAccessRole"));
        assertThat(page.getProperties()).extracting(ConfigPropertyRepresentation::getName).contains(
                "displayName", "apiAccessRole", "basicEnabled", "headerEnabled", "headerName", "appApiEnabled",
                "appApiUsername", "appApiClient", "accessKeyEnabled", "accessKeyMaxPerUser", "accessKeyMaxLifetimeDays",
                "tokenPairEnabled", "tokenPairClient", "tokenPairLifetimeSeconds", "sessionCookieEnabled",
                "sessionCookieClient", "sessionCookieMaxAgeSeconds", "bearerEnabled", "bearerClient",
                "bearerLifetimeSeconds", "bearerIssuingDelayMillis");
        // in reading order: who may pass, then the password schemes, keys, issued credentials
        assertThat(page.getProperties()).extracting(ConfigPropertyRepresentation::getName).containsSubsequence(
                "displayName", "apiAccessRole", "basicEnabled", "appApiEnabled", "headerEnabled", "accessKeyEnabled",
                "tokenPairEnabled", "sessionCookieEnabled", "bearerEnabled");
        assertThat(page.getProperties()).allSatisfy(property -> {
            assertThat(property.getLabel()).as(property.getName()).isNotBlank();
            assertThat(property.getHelpText()).as(property.getName()).hasSizeGreaterThan(20);
        });

        for (String step : new String[] {"legacy-auth-header-grant", "legacy-auth-access-key-grant"}) {
            AuthenticatorConfigInfoRepresentation dialog = realm.flows().getAuthenticatorConfigDescription(step);
            assertThat(dialog.getName()).as(step).startsWith("Legacy ");
            assertThat(dialog.getProperties()).as(step).singleElement().satisfies(property -> {
                assertThat(property.getLabel()).isEqualTo("Header name");
                assertThat(property.getHelpText()).hasSizeGreaterThan(20);
            });
        }

        String version = info.getProviders().get("ui-page").getProviders().get("legacy-auth-settings")
                .getOperationalInfo().get("version");
        assertThat(version).isEqualTo(System.getProperty("extension.version"));
    }

    @Test
    void realmWithoutSettingsAcceptsNoLegacyScheme() {
        server.importRealm("realms/unconfigured-it.json");
        String unconfigured = server.legacyAuthUrl("unconfigured-it") + "/verify";

        assertThat(Http.get(unconfigured, "Authorization", basic("alice", "alice-Unconfigured-1")).statusCode())
                .isEqualTo(403);
        assertThat(Http.get(unconfigured, "X-API-Auth", b64("alice:alice-Unconfigured-1")).statusCode())
                .isEqualTo(403);
        assertThat(Http.get(unconfigured).statusCode()).isEqualTo(401);
    }
}
