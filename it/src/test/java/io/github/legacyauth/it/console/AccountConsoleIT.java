package io.github.legacyauth.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.github.legacyauth.it.harness.Browser;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;

/**
 * The account theme {@code legacy-auth}: Keycloak's account console with the API access keys page,
 * used by a signed-in user in a real browser.
 */
@ExtendWith(RealKeycloak.class)
class AccountConsoleIT {

    static final String REALM = "account-it";
    static final Pattern KEY = Pattern.compile("lak_[ux][0-9a-z]{1,400}_[0-9A-Za-z]{36}");

    static KeycloakServer server;
    static Browser browser;

    @BeforeAll
    static void signIn(KeycloakServer keycloak) {
        server = keycloak;
        server.importRealm("realms/account-it.json");
        browser = new Browser();
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.signIn("dana", "dana-Console-1");
        browser.visible(By.cssSelector("[data-testid='page-heading']"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theStockNavigationKeepsItsPagesAndGainsOurs() {
        browser.open(server.realmUrl(REALM) + "/account/");
        browser.visible(By.cssSelector("[data-testid='page-heading']"));
        browser.clickable(By.cssSelector("[data-testid='accountSecurity'] button")).click();

        assertThat(browser.visible(By.cssSelector("[data-testid='account-security/signing-in']")).getText())
                .isEqualTo("Signing in");
        assertThat(browser.visible(By.cssSelector("[data-testid='account-security/device-activity']")).getText())
                .isEqualTo("Device activity");
        WebElement ours = browser.visible(By.cssSelector("[data-testid='api-access-keys']"));
        assertThat(ours.getText()).isEqualTo("API access keys");
        ours.click();
        assertThat(browser.visible(By.cssSelector("[data-testid='page-heading']")).getText()).isEqualTo("API access keys");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/realms/" + REALM + "/account/api-access-keys");
    }

    @Test
    void aUserCreatesAScopedKeyCopiesItUsesItAndRevokesIt() {
        openAccessKeys();
        browser.visible(By.cssSelector("[data-testid='access-keys-empty']"));

        // create: a description and exactly one scope
        browser.clickable(By.cssSelector("[data-testid='create-access-key']")).click();
        browser.visible(By.id("access-key-description")).sendKeys("Nightly export");
        List<String> offered = browser.driver().findElements(By.cssSelector("[data-testid='access-key-scope']")).stream()
                .map(box -> box.getAttribute("data-scope")).toList();
        assertThat(offered).contains("api-access", "editor", "viewer").doesNotContain("default-roles-" + REALM);
        String dialog = browser.visible(By.cssSelector(".pf-v5-c-modal-box")).getText();
        assertThat(dialog).contains("Reads content", "Offline access").doesNotContain("${");
        browser.clickable(By.cssSelector("[data-testid='access-key-scope'][data-scope='viewer']")).click();
        browser.screenshot("account-access-keys-create");
        browser.clickable(By.cssSelector("[data-testid='create-access-key-submit']")).click();

        // shown once, with a warning and a copy button
        WebElement shown = browser.visible(By.cssSelector("[data-testid='new-access-key'] input"));
        String displayed = shown.getAttribute("value");
        assertThat(displayed).matches(KEY);
        assertThat(browser.visible(By.cssSelector(".pf-v5-c-modal-box .pf-m-warning")).getText())
                .contains("shown only this once");
        browser.clickable(By.cssSelector("[data-testid='new-access-key'] button")).click();
        String copied = browser.clipboardText();
        assertThat(copied).isEqualTo(displayed);
        browser.screenshot("account-access-keys-new-key");
        browser.clickable(By.cssSelector("[data-testid='new-access-key-done']")).click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='new-access-key']")));

        // listed without its secret, with its one scope
        WebElement row = browser.visible(By.cssSelector("[data-testid='access-key-row']"));
        assertThat(row.getText()).contains("Nightly export").contains("viewer").contains("Not yet")
                .doesNotContain(copied);
        assertThat(browser.driver().getPageSource()).doesNotContain(copied);

        // the copied key works on /verify, with only its scope
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        HttpResponse<String> used = Http.get(verify, "X-Auth-AccessKey", copied);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Username")).hasValue("dana");
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");

        // the page shows the use after a reload; then a screenshot of the list for the README
        browser.driver().navigate().refresh();
        assertThat(browser.visible(By.cssSelector("[data-testid='access-key-row']")).getText()).doesNotContain("Not yet");
        browser.screenshot("account-access-keys");

        // revoke, after a confirmation
        browser.clickable(By.cssSelector("[data-testid='revoke-access-key']")).click();
        assertThat(browser.visible(By.cssSelector(".pf-v5-c-modal-box")).getText()).contains("Nightly export");
        browser.clickable(By.cssSelector("[data-testid='confirm-revoke']")).click();
        assertThat(browser.visible(By.cssSelector(".pf-v5-c-alert.pf-m-success")).getText())
                .contains("The access key was revoked");
        browser.visible(By.cssSelector("[data-testid='access-keys-empty']"));

        assertThat(Http.get(verify, "X-Auth-AccessKey", copied).statusCode()).isEqualTo(401);
    }

    @Test
    void aDateInThePastIsRefusedBeforeAnythingIsSent() {
        openAccessKeys();
        browser.clickable(By.cssSelector("[data-testid='create-access-key']")).click();
        browser.visible(By.id("access-key-description")).sendKeys("Yesterday");
        browser.visible(By.id("access-key-expires")).sendKeys("2001-01-01");

        assertThat(browser.visible(By.xpath("//*[contains(text(), 'The date must be in the future.')]")).isDisplayed())
                .isTrue();
        assertThat(browser.visible(By.cssSelector("[data-testid='create-access-key-submit']")).isEnabled()).isFalse();
        assertThat(browser.visible(By.xpath("//*[contains(text(), 'In this realm a key lives at most 365 days.')]"))
                .isDisplayed()).isTrue();
    }

    static void openAccessKeys() {
        browser.open(server.realmUrl(REALM) + "/account/api-access-keys");
        assertThat(browser.visible(By.cssSelector("[data-testid='page-heading']")).getText()).isEqualTo("API access keys");
        browser.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='access-keys-empty']")),
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='access-keys']"))));
    }
}
