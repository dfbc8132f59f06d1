package io.github.legacyauth.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.github.legacyauth.it.harness.AttackRealm;
import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Browser;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakDistribution;
import io.github.legacyauth.it.harness.Realms;
import io.github.legacyauth.it.harness.Smoke;

/**
 * The admin theme {@code legacy-auth}: Keycloak's admin console with the "Legacy API" pages, chosen as the
 * master realm's admin theme and used by an admin in a real browser: a leaked key found by its id and
 * revoked, a user's keys on their Credentials tab, application tokens, and the settings page.
 */
class AdminThemeIT extends AttackRealmTest {

    static Browser browser;
    static String console;

    @BeforeAll
    static void chooseTheThemeAndSignIn() {
        RealmRepresentation master = attack.server().admin().realm("master").toRepresentation();
        master.setAdminTheme("legacy-auth");
        attack.server().admin().realm("master").update(master);
        console = attack.server().baseUrl() + "/admin/master/console/#/" + AttackRealm.REALM;
        browser = new Browser();
        browser.open(console + "/legacy-auth/keys");
        browser.signIn(KeycloakDistribution.ADMIN_USER, KeycloakDistribution.ADMIN_PASSWORD);
        browser.visible(By.id("nav-item-legacy-auth-keys"));
    }

    @AfterAll
    static void restoreTheStockConsole() {
        if (browser != null) {
            browser.close();
        }
        RealmRepresentation master = attack.server().admin().realm("master").toRepresentation();
        master.setAdminTheme(null);
        attack.server().admin().realm("master").update(master);
    }

    @Test
    @Smoke
    void anAdminFindsALeakedKeyByItsIdAndRevokesIt() throws Exception {
        String key = attack.createKey("erin", "{\"description\":\"Nightly export\",\"scopes\":[\"viewer\"]}");
        String keyId = AttackRealm.keyId(key);
        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(200);
        open("/legacy-auth/keys");
        assertThat(browser.visible(By.id("nav-item-users")).getText()).isEqualTo("Users"); // the stock navigation

        // the leaked key pasted whole: the page keeps and sends only its id
        WebElement search = browser.visible(By.cssSelector("[data-testid='legacy-auth-key-search'] input"));
        search.sendKeys(key, Keys.ENTER);
        browser.until(ExpectedConditions.attributeToBe(search, "value", keyId));
        WebElement row = browser.visible(By.cssSelector("[data-testid='legacy-auth-key-row'][data-key-id='" + keyId + "']"));

        assertThat(row.getText()).contains("erin").contains("Nightly export").contains("Active").contains("viewer")
                .contains("from");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='legacy-auth-key-row']"))).hasSize(1);
        assertThat(browser.driver().getPageSource()).doesNotContain(key);
        assertThat(browser.seriousAccessibilityViolations("#kc-main-content-page-container")).isEmpty();
        browser.screenshot("admin-access-keys-found");

        row.findElement(By.cssSelector("[data-testid='legacy-auth-revoke']")).click();
        assertThat(browser.visible(By.cssSelector(".pf-v5-c-modal-box")).getText()).contains(keyId);
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-confirm']")).click();
        browser.visible(By.cssSelector("[data-testid='legacy-auth-keys-empty']"));

        assertThat(attack.verify("X-Auth-AccessKey", key).statusCode()).isEqualTo(401);
    }

    @Test
    void aUsersKeysAreOnTheirCredentialsTabCreatedShownOnceAndRegenerated() {
        open("/users/" + attack.userId("dave") + "/credentials");
        WebElement section = browser.visible(By.cssSelector("[data-testid='legacy-auth-user-keys']"));
        assertThat(section.getText()).contains("API access keys");

        browser.clickable(By.cssSelector("[data-testid='legacy-auth-create-key']")).click();
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-create-key-submit']")).click();
        assertThat(browser.visible(By.cssSelector("[data-testid='legacy-auth-field-error']")).getText())
                .contains("Give it a name");
        browser.visible(By.id("legacy-auth-key-name")).sendKeys("Helpdesk script");
        browser.visible(By.id("legacy-auth-key-scopes")).sendKeys("viewer");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-create-key-submit']")).click();
        String first = browser.visible(By.cssSelector("[data-testid='legacy-auth-secret'] input")).getAttribute("value");
        assertThat(browser.seriousAccessibilityViolations(".pf-v5-c-modal-box")).isEmpty();
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-shown-once-done']")).click();
        HttpResponse<String> used = attack.verify("X-Auth-AccessKey", first);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");

        browser.driver().navigate().refresh();
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-user-keys'] [data-testid='legacy-auth-regenerate']")).click();
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-confirm']")).click();
        String second = browser.visible(By.cssSelector("[data-testid='legacy-auth-secret'] input")).getAttribute("value");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-shown-once-done']")).click();

        assertThat(second).isNotEqualTo(first);
        assertThat(attack.verify("X-Auth-AccessKey", first).statusCode()).isEqualTo(401);
        assertThat(attack.verify("X-Auth-AccessKey", second).statusCode()).isEqualTo(200);
        browser.driver().navigate().refresh();
        browser.visible(By.cssSelector("[data-testid='legacy-auth-user-keys'] [data-testid='legacy-auth-key-row']"));
        assertThat(browser.seriousAccessibilityViolations("[data-testid='legacy-auth-user-keys']")).isEmpty();
        browser.screenshot("admin-user-access-keys");
    }

    @Test
    void anAdminCreatesAndRevokesAnApplicationToken() {
        open("/legacy-auth/app-tokens");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-create-token']")).click();
        browser.visible(By.id("legacy-auth-token-name")).sendKeys("Kanboard sync");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-create-token-submit']")).click();
        String token = browser.visible(By.cssSelector("[data-testid='legacy-auth-secret'] input")).getAttribute("value");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-shown-once-done']")).click();
        String appApi = Http.b64("jsonrpc:" + token);
        assertThat(attack.verify("X-API-Auth", appApi).statusCode()).isEqualTo(200);

        WebElement row = browser.visible(By.cssSelector("[data-testid='legacy-auth-token-row']"));
        assertThat(row.getText()).contains("Kanboard sync").doesNotContain(token);
        assertThat(browser.seriousAccessibilityViolations("#kc-main-content-page-container")).isEmpty();
        browser.screenshot("admin-app-tokens");
        row.findElement(By.cssSelector("[data-testid='legacy-auth-revoke-token']")).click();
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-confirm']")).click();
        browser.visible(By.cssSelector("[data-testid='legacy-auth-tokens-empty']"));

        assertThat(attack.verify("X-API-Auth", appApi).statusCode()).isEqualTo(401);
    }

    @Test
    void theSettingsAreGroupedBySchemeAndARefusalShowsOnItsField() {
        open("/legacy-auth/settings");
        WebElement header = browser.visible(By.id("legacy-auth-setting-headerName"));
        assertThat(browser.visible(By.id("legacy-auth-setting-accessKeyMaxPerUser")).getAttribute("type")).isEqualTo("number");
        assertThat(browser.visible(By.cssSelector("[data-testid='legacy-auth-group-headerEnabled']")).getText())
                .contains("Custom header");
        assertThat(browser.seriousAccessibilityViolations("[data-testid='legacy-auth-settings']")).isEmpty();
        browser.screenshot("admin-theme-settings");

        header.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Authorization");
        browser.clickable(By.cssSelector("[data-testid='legacy-auth-settings-save']")).click();

        WebElement error = browser.visible(By.cssSelector("[data-testid='legacy-auth-group-headerEnabled']"
                + " [data-testid='legacy-auth-field-error']"));
        assertThat(error.getText()).contains("reserved");
        assertThat(browser.visible(By.id("legacy-auth-setting-headerName")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.visible(By.cssSelector("[data-testid='legacy-auth-settings-refused']"));
        browser.screenshot("admin-theme-settings-refused");
        assertThat(Realms.settings(attack.realm()).getConfig().getFirst("headerName")).isEqualTo("X-API-Auth");

        // a switched-off scheme's fields cannot be edited
        browser.clickable(By.cssSelector("label[for='legacy-auth-setting-headerEnabled']")).click();
        browser.until(ExpectedConditions.not(ExpectedConditions.elementToBeClickable(By.id("legacy-auth-setting-headerName"))));
        assertThat(browser.visible(By.id("legacy-auth-setting-headerName")).isEnabled()).isFalse();
    }

    static void open(String path) {
        browser.open(console + path);
        browser.driver().navigate().refresh();
    }
}
