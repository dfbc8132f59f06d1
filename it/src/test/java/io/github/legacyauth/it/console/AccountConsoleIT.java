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
import org.openqa.selenium.support.ui.Select;

import io.github.legacyauth.it.harness.Browser;
import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Smoke;

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
    @Smoke
    void aUserCreatesAScopedKeyCopiesItUsesItAndRevokesIt() throws Exception {
        deleteDanasKeys();
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
        assertThat(browser.seriousAccessibilityViolations(".pf-v5-c-modal-box")).isEmpty();
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
        assertThat(browser.seriousAccessibilityViolations(".pf-v5-c-modal-box")).isEmpty();
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
        new Select(browser.visible(By.id("access-key-expiry"))).selectByValue("custom");
        browser.visible(By.id("access-key-expires")).sendKeys("2001-01-01");

        assertThat(browser.visible(By.xpath("//*[contains(text(), 'The date must be in the future.')]")).isDisplayed())
                .isTrue();
        assertThat(browser.visible(By.cssSelector("[data-testid='create-access-key-submit']")).isEnabled()).isFalse();
        assertThat(browser.visible(By.xpath("//*[contains(text(), 'In this realm a key lives at most 365 days.')]"))
                .isDisplayed()).isTrue();
    }

    /** The expiry is chosen among presets within the realm's maximum (365 days here), which is proposed first. */
    @Test
    void theExpiryIsAPresetWithinTheRealmsMaximumAndNoNeverWhenThereIsOne() {
        openAccessKeys();
        browser.clickable(By.cssSelector("[data-testid='create-access-key']")).click();
        Select expiry = new Select(browser.visible(By.id("access-key-expiry")));

        List<String> offered = expiry.getOptions().stream().map(option -> option.getAttribute("value")).toList();

        assertThat(offered).containsExactly("7", "30", "90", "365", "custom");
        assertThat(expiry.getFirstSelectedOption().getAttribute("value")).isEqualTo("365");
        browser.clickable(By.cssSelector(".pf-v5-c-modal-box button[aria-label='Close']")).click();
    }

    /** A key needs a name: asked for on its field, and nothing is created. */
    @Test
    void aMissingNameIsShownOnItsFieldAndNothingIsCreated() throws Exception {
        deleteDanasKeys();
        openAccessKeys();
        browser.clickable(By.cssSelector("[data-testid='create-access-key']")).click();

        browser.clickable(By.cssSelector("[data-testid='create-access-key-submit']")).click();

        WebElement error = browser.visible(By.cssSelector("[data-testid='access-key-description-error']"));
        assertThat(error.getText()).contains("Give the key a name");
        WebElement field = browser.visible(By.id("access-key-description"));
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.seriousAccessibilityViolations(".pf-v5-c-modal-box")).isEmpty();
        browser.screenshot("account-access-keys-name-required");
        assertThat(danasKeys()).isEmpty();
        browser.clickable(By.cssSelector(".pf-v5-c-modal-box button[aria-label='Close']")).click();
    }

    /** Regenerate: the same key (id, name, scopes) with a new secret, shown once; the old secret fails at once. */
    @Test
    void aUserRegeneratesAKeyAndTheOldSecretFails() throws Exception {
        deleteDanasKeys();
        String old = adminCreatesKeyForDana("{\"description\":\"Backup job\",\"scopes\":[\"viewer\"]}");
        String verify = server.legacyAuthUrl(REALM) + "/verify";
        assertThat(Http.get(verify, "X-Auth-AccessKey", old).statusCode()).isEqualTo(200);
        openAccessKeys();

        browser.clickable(By.cssSelector("[data-testid='regenerate-access-key']")).click();
        assertThat(browser.visible(By.cssSelector(".pf-v5-c-modal-box")).getText()).contains("Backup job")
                .contains("stops working at once");
        browser.clickable(By.cssSelector("[data-testid='confirm-regenerate']")).click();
        String fresh = browser.visible(By.cssSelector("[data-testid='new-access-key'] input")).getAttribute("value");
        browser.clickable(By.cssSelector("[data-testid='new-access-key-done']")).click();

        assertThat(fresh).matches(KEY).isNotEqualTo(old);
        assertThat(fresh.substring(fresh.lastIndexOf('_') + 1, fresh.lastIndexOf('_') + 9))
                .isEqualTo(old.substring(old.lastIndexOf('_') + 1, old.lastIndexOf('_') + 9));
        assertThat(Http.get(verify, "X-Auth-AccessKey", old).statusCode()).isEqualTo(401);
        HttpResponse<String> used = Http.get(verify, "X-Auth-AccessKey", fresh);
        assertThat(used.statusCode()).isEqualTo(200);
        assertThat(used.headers().firstValue("X-Auth-Roles")).hasValue("viewer");
        assertThat(browser.visible(By.cssSelector("[data-testid='access-key-row']")).getText()).contains("Backup job");
    }

    /** An expired key is listed as expired (greyed, refused), holds no place under the limit, and says when it goes. */
    @Test
    void anExpiredKeyShowsAsExpired() throws Exception {
        deleteDanasKeys();
        String brief = adminCreatesKeyForDana("{\"description\":\"Old laptop\",\"expires_at\":\""
                + java.time.Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
        String live = adminCreatesKeyForDana("{\"description\":\"Build server\",\"scopes\":[\"viewer\"]}");
        assertThat(Http.get(server.legacyAuthUrl(REALM) + "/verify", "X-Auth-AccessKey", live).statusCode()).isEqualTo(200);
        Thread.sleep(3000);
        assertThat(Http.get(server.legacyAuthUrl(REALM) + "/verify", "X-Auth-AccessKey", brief).statusCode()).isEqualTo(401);

        openAccessKeys();

        WebElement expired = browser.visible(By.cssSelector("[data-testid='access-key-row'][data-state='expired']"));
        assertThat(expired.getText()).contains("Old laptop").contains("Expired");
        WebElement active = browser.visible(By.cssSelector("[data-testid='access-key-row'][data-state='active']"));
        assertThat(active.getText()).contains("Build server").contains("Active").containsPattern("from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)");
        assertThat(browser.visible(By.cssSelector("[data-testid='access-keys-retention']")).getText())
                .contains("30 days");
        assertThat(browser.visible(By.xpath("//*[contains(text(), '1 of at most')]")).isDisplayed()).isTrue();
        assertThat(browser.seriousAccessibilityViolations("main")).isEmpty();
        browser.screenshot("account-access-keys");
    }

    /** bob lacks the realm's API-access role: the page says so before he creates a key that could never work. */
    @Test
    void aUserWithoutApiAccessIsWarned() {
        try (Browser bob = new Browser()) {
            bob.open(server.realmUrl(REALM) + "/account/api-access-keys");
            bob.signIn("bob", "bob-Console-1");

            WebElement warning = bob.visible(By.cssSelector("[data-testid='access-keys-no-api-access']"));

            assertThat(warning.getText()).contains("cannot use API access keys").contains("Ask an administrator");
            assertThat(bob.seriousAccessibilityViolations("main")).isEmpty();
            bob.screenshot("account-access-keys-no-api-access");
        }
        openAccessKeys();
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid='access-keys-no-api-access']"))).isEmpty();
    }

    /** The accessibility check finds what it should: an unlabelled field and an image without text. */
    @Test
    void theAccessibilityCheckFindsAnUnlabelledField() {
        try (Browser probe = new Browser()) {
            probe.open("data:text/html,<html lang=en><title>t</title><main><input type=text><img src=x.png></main></html>");

            assertThat(probe.seriousAccessibilityViolations()).anyMatch(v -> v.startsWith("label:"))
                    .anyMatch(v -> v.startsWith("image-alt:"));
        }
    }

    static String adminCreatesKeyForDana(String body) throws Exception {
        String danaId = server.admin().realm(REALM).users().searchByUsername("dana", true).get(0).getId();
        HttpResponse<String> created = Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM
                        + "/legacy-auth/users/" + danaId + "/access-keys")
                .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("key").asText();
    }

    static com.fasterxml.jackson.databind.JsonNode danasKeys() throws Exception {
        String danaId = server.admin().realm(REALM).users().searchByUsername("dana", true).get(0).getId();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Http.get(server.baseUrl() + "/admin/realms/"
                + REALM + "/legacy-auth/users/" + danaId + "/access-keys", "Authorization",
                "Bearer " + server.admin().tokenManager().getAccessTokenString()).body());
    }

    static void deleteDanasKeys() throws Exception {
        String danaId = server.admin().realm(REALM).users().searchByUsername("dana", true).get(0).getId();
        for (com.fasterxml.jackson.databind.JsonNode key : danasKeys()) {
            Http.send(Http.request(server.baseUrl() + "/admin/realms/" + REALM + "/legacy-auth/users/" + danaId
                    + "/access-keys/" + key.get("id").asText())
                    .header("Authorization", "Bearer " + server.admin().tokenManager().getAccessTokenString()).DELETE());
        }
    }

    static void openAccessKeys() {
        browser.open(server.realmUrl(REALM) + "/account/api-access-keys");
        assertThat(browser.visible(By.cssSelector("[data-testid='page-heading']")).getText()).isEqualTo("API access keys");
        browser.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='access-keys-empty']")),
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='access-keys']"))));
    }
}
