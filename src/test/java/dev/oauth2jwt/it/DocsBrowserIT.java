package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Chromium;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's last step, as a person does it, in a real browser (Debian's Chromium through its
 * chromedriver; nothing is downloaded): open /docs, Authorize as johndoe, Try it out on
 * GET /users/me/. Every request the page makes must go to this server. A screenshot is kept in
 * target/browser/.
 */
class DocsBrowserIT extends DefaultServerTest {

    Chromium chromium;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.open();
        browser = chromium.browser;
        wait = chromium.wait;
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            keepScreenshot("docs-last.png");   // what the page showed at the end, to see why a run failed
            chromium.quit();
        }
    }

    @Test
    void authorizeAsJohndoeAndTryGetUsersMe() throws IOException {
        browser.get(api.uri("/docs").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")));

        click(By.cssSelector(".auth-wrapper button.authorize"));
        type(By.id("oauth_username"), "johndoe");
        type(By.id("oauth_password"), "secret");
        click(By.cssSelector(".auth-container .auth-btn-wrapper button.authorize"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//div[@class='modal-ux']//button[normalize-space()='Logout']")));
        click(By.cssSelector(".modal-ux button.btn-done, .modal-ux button.close-modal"));

        WebElement response = tryGetUsersMe();
        try {
            wait.until(driver -> text(response, ".response-col_description").contains("johndoe"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the response shown: " + response.getDomProperty("textContent"), e);
        }
        String status = text(response, ".response-col_status").trim();
        String body = text(response, ".response-col_description");
        keepScreenshot("docs-users-me.png");

        assertEquals("200", status);
        assertTrue(body.contains("\"username\": \"johndoe\"") || body.contains("\"username\":\"johndoe\""), body);
        assertEquals(Set.of("127.0.0.1:" + api.uri("/").getPort()), hostsRequested(), "no request left the server");
    }

    /**
     * The authorization code flow with PKCE, as Swagger UI does it: its own window to our login
     * page, back through /docs/oauth2-redirect, the code exchanged with the verifier; then the API,
     * and a logout.
     */
    @Test
    void authorizeWithTheCodeFlowAndTryGetUsersMe() throws IOException {
        browser.get(api.uri("/docs").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        String docsWindow = browser.getWindowHandle();

        click(By.cssSelector(".auth-wrapper button.authorize"));
        String codeFlow = "//div[contains(@class,'auth-container')][.//*[contains(normalize-space(),'authorizationCode')]]";
        click(By.xpath(codeFlow + "//button[contains(@class,'authorize')]"));
        wait.until(driver -> driver.getWindowHandles().size() == 2);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(handle -> !handle.equals(docsWindow)).findFirst().orElseThrow());
        type(By.id("username"), "johndoe");
        type(By.id("password"), "secret");
        keepScreenshot("docs-login-page.png");
        click(By.cssSelector("button[type=submit]"));
        wait.until(driver -> driver.getWindowHandles().size() == 1);
        browser.switchTo().window(docsWindow);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(codeFlow + "//button[normalize-space()='Logout']")));
        click(By.cssSelector(".modal-ux button.btn-done, .modal-ux button.close-modal"));

        WebElement response = tryGetUsersMe();
        try {
            wait.until(driver -> text(response, ".response-col_description").contains("johndoe"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the response shown: " + response.getDomProperty("textContent"), e);
        }
        keepScreenshot("docs-code-flow-users-me.png");

        assertEquals("200", text(response, ".response-col_status").trim());
        assertEquals(Set.of("127.0.0.1:" + api.uri("/").getPort()), hostsRequested(), "no request left the server");

        // the browser login ends at /logout: without an application's id_token_hint, after the user says so
        browser.get(api.uri("/logout").toString());
        wait.until(ExpectedConditions.titleIs("Log out - oauth2-jwt"));
        click(By.cssSelector("button[type=submit]"));
        wait.until(ExpectedConditions.titleIs("Logged out - oauth2-jwt"));
        browser.get(api.uri("/logout").toString());
        wait.until(ExpectedConditions.titleIs("Logged out - oauth2-jwt"));
    }

    /** Try it out on GET /users/me/, Execute: the response row, once shown. */
    private WebElement tryGetUsersMe() {
        click(By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/users/me/']]//button[contains(@class,'opblock-summary-control')]"));
        click(By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/users/me/']]//button[contains(@class,'try-out__btn')]"));
        click(By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/users/me/']]//button[contains(@class,'execute')]"));
        WebElement response = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'opblock-get')][.//*[@data-path='/users/me/']]//table[contains(@class,'live-responses-table')]//tr[contains(concat(' ', @class, ' '), ' response ')]")));
        new org.openqa.selenium.interactions.Actions(browser).scrollToElement(response).perform();
        return response;
    }

    /** The text of an element, rendered or not (scrolled out of view, say). */
    private static String text(WebElement parent, String selector) {
        return parent.findElement(By.cssSelector(selector)).getDomProperty("textContent");
    }

    private void click(By locator) {
        chromium.click(locator);
    }

    private void type(By locator, String text) {
        chromium.type(locator, text);
    }

    /** Every host:port the page sent a request to, from Chromium's network log. */
    private Set<String> hostsRequested() {
        Set<String> hosts = new TreeSet<>();
        List<LogEntry> entries = browser.manage().logs().get(LogType.PERFORMANCE).getAll();
        for (LogEntry entry : entries) {
            JsonObject message = Json.createReader(new StringReader(entry.getMessage())).readObject().getJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.getString("method"))) {
                String url = message.getJsonObject("params").getJsonObject("request").getString("url");
                String scheme = url.substring(0, Math.max(0, url.indexOf(':')));
                if (Set.of("http", "https", "ws", "wss", "ftp").contains(scheme)) {   // data:, blob:, chrome: stay local
                    URI uri = URI.create(url);
                    hosts.add(uri.getHost() + ":" + uri.getPort());
                }
            }
        }
        assertTrue(entries.size() > 5, "the network log was read: " + entries.size() + " entries");
        return hosts;
    }

    private void keepScreenshot(String name) throws IOException {
        chromium.keepScreenshot(name);
    }
}
