package io.github.legacyauth.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.github.legacyauth.it.harness.Browser;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakDistribution;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/** The realm settings page in Keycloak's admin console, used by an admin in a real browser. */
@ExtendWith(RealKeycloak.class)
class AdminConsoleIT {

    static final String REALM = "basic-it";
    static KeycloakServer server;
    static RealmResource realm;
    static Browser browser;

    @BeforeAll
    static void signIn(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/basic-it.json");
        realm = server.admin().realm(REALM);
        browser = new Browser();
        browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM);
        browser.signIn(KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD);
        browser.visible(By.id("nav-item-users"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void restoreHeaderName() {
        Realms.updateSettings(realm, Map.of("headerName", "X-API-Auth"));
    }

    /** Opens the extension's page from the navigation and the realm's settings item on it. */
    static void openSettings() {
        browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM);
        browser.driver().navigate().refresh(); // a fresh page: no notice of an earlier test left over
        WebElement nav = browser.clickable(By.cssSelector("a[href$='/page-section/legacy-auth-settings']"));
        assertThat(nav.getText()).isEqualTo("Legacy API authentication");
        nav.click();
        browser.visible(By.xpath("//*[contains(text(), 'Legacy API authentication')]"));
        WebElement item = browser.clickable(By.cssSelector("table tbody a"));
        assertThat(item.getText()).isEqualTo("Legacy API authentication");
        item.click();
        browser.visible(By.id("config.headerName"));
        assertThat(browser.visible(By.cssSelector("h1")).getText()).isEqualTo("Legacy API authentication");
    }

    static void type(String id, String value) {
        WebElement field = browser.visible(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    }

    static String save() {
        browser.clickable(By.cssSelector("button[data-testid='save']")).click();
        return browser.visible(By.cssSelector(".pf-v5-c-alert__title")).getText();
    }

    @Test
    @Smoke
    void anAdminChangesTheHeaderNameAndTheNextRequestUsesIt() {
        openSettings();
        browser.screenshot("admin-settings-page");
        type("config.headerName", "X-Legacy-Auth");

        String alert = save();

        assertThat(alert).doesNotContainIgnoringCase("could not");
        String credential = Http.b64("alice:alice:Secret:with:colons");
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        assertThat(Http.get(verify, "X-Legacy-Auth", credential).statusCode()).isEqualTo(200);
        assertThat(Http.get(verify, "X-API-Auth", credential).statusCode()).isEqualTo(401);
    }

    @Test
    void aBadValueIsRefusedWithAVisibleMessageAndNotSaved() {
        openSettings();
        type("config.headerName", "Authorization");

        String alert = save();
        browser.screenshot("admin-settings-refused");

        assertThat(alert).contains("could not save").contains("reserved");
        assertThat(Realms.settings(realm).getConfig().getFirst("headerName")).isEqualTo("X-API-Auth");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("config.headerName")));
    }
}
