package dev.oauth2jwt.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium through its chromedriver (nothing is downloaded), headless, with a fresh
 * profile and its network log kept: what the browser tests drive.
 */
public final class Chromium {

    public static final String BINARY = System.getProperty("browser.chromium", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver browser;
    public final WebDriverWait wait;

    private Chromium(ChromeDriver browser) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    public static Chromium open() {
        assertTrue(new File(BINARY).canExecute() && new File(DRIVER).canExecute(),
                "the browser test needs Chromium and its driver: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--window-size=1280,2200", "--user-data-dir=" + tempDirectory());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(driver, options));
    }

    public void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    /**
     * Clicks something that loads a new page and waits until the old one is gone, so that what is
     * read next comes from the new page (an error page replaced by the same error page looks alike).
     */
    public void submit(By locator) {
        WebElement page = browser.findElement(By.tagName("html"));
        click(locator);
        wait.until(browser -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException midNavigation) {
                // Chromium may answer "Node with given id does not belong to the document" while the
                // old page is being replaced: not yet known whether it is gone, so ask again
                return false;
            }
        });
    }

    public void type(By locator, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        field.clear();
        field.sendKeys(text);
    }

    public String textOf(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator)).getText();
    }

    /** The requests the browser sent since the last call (method and URL), from its network log. */
    public List<String> requestsSent() {
        List<String> requests = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.getString("method"))) {
                JsonObject request = message.getJsonObject("params").getJsonObject("request");
                requests.add(request.getString("method") + " " + request.getString("url"));
            }
        }
        return requests;
    }

    public void keepScreenshot(String name) throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "browser"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    public void quit() {
        browser.quit();
    }

    private static String tempDirectory() {
        try {
            return Files.createTempDirectory("chromium-profile").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
