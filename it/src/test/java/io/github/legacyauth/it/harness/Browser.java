package io.github.legacyauth.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium of the machine (Debian's {@code chromium} and {@code chromium-driver}), driven
 * through its own chromedriver: no test tool downloads a browser. Paths can be changed with
 * {@code -Dbrowser.binary=} and {@code -Dbrowser.driver=}.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    public Browser() {
        File binary = new File(System.getProperty("browser.binary", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("browser.driver", "/usr/bin/chromedriver"));
        if (!binary.canExecute() || !chromedriver.canExecute()) {
            throw new IllegalStateException("Browser tests need " + binary + " and " + chromedriver
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1600",
                        "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
        this.driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits for an element that is visible. */
    public WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement clickable(By by) {
        return until(ExpectedConditions.elementToBeClickable(by));
    }

    public <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Keycloak's login page: username, password, sign in. */
    public void signIn(String username, String password) {
        visible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * What the page put on the clipboard. The page's origin is granted clipboard access for this, as a
     * user would allow it; the text is read the way a paste would read it.
     */
    public String clipboardText() {
        String origin = java.net.URI.create(driver.getCurrentUrl()).resolve("/").toString().replaceAll("/$", "");
        driver.executeCdpCommand("Browser.grantPermissions", java.util.Map.of(
                "origin", origin, "permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        Object text = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, error => done('clipboard error: ' + error));");
        return String.valueOf(text);
    }

    /**
     * The serious and critical accessibility violations axe-core finds in the page (or in the elements the
     * selectors name), each as "rule: help (elements)". axe-core comes from the account theme's npm
     * packages ({@code -Daxe.script=} to use another copy).
     */
    public java.util.List<String> seriousAccessibilityViolations(String... include) {
        Path script = Path.of(System.getProperty("axe.script", "../themes/node_modules/axe-core/axe.min.js"));
        String axe;
        try {
            axe = Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core not found at " + script.toAbsolutePath()
                    + " (the themes module's npm install brings it)", e);
        }
        String context = include.length == 0 ? "document"
                : "{include: " + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                        java.util.Arrays.stream(include).map(java.util.List::of).toList()) + "}";
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "if (!window.axe) { eval(arguments[0]); }"
                + "axe.run(" + context + ", {resultTypes: ['violations']}).then(r => done(JSON.stringify("
                + "r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')'))),"
                + " e => done(JSON.stringify(['axe failed: ' + e])));", axe);
        try {
            return java.util.List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(String.valueOf(result),
                    String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the page as it is, written to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Path file = Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
