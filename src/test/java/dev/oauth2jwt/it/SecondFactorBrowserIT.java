package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Chromium;
import dev.oauth2jwt.it.support.Oathtool;
import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.PayaraMicroProcess;
import dev.oauth2jwt.it.support.SpringBootProcess;
import dev.oauth2jwt.it.support.WithLogs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Second factors as people meet them, in Chromium: an authenticator app added on the account page
 * (its codes computed by Debian's oathtool from the key the page shows), a passkey added there with
 * Chromium's own virtual authenticator (the DevTools protocol's WebAuthn domain), then both at the
 * login page of a Spring Boot application whose {@code oauth2Login} asks {@code acr_values=2}: its
 * ID token's {@code amr} says how the login was proven. Then a passwordless login with the passkey.
 * Our server runs on its own Payara Micro at {@code http://localhost} (WebAuthn needs a host name,
 * and localhost is a secure context). The screenshots of docs/ are taken here.
 */
@PayaraMicroOnly
class SecondFactorBrowserIT {

    static final String PASSWORD = "a-long-enough-password";

    static PayaraMicroProcess provider;
    static SpringBootProcess spring;
    static String providerUrl;
    static String springUrl;
    static Api service;

    Chromium chromium;

    @BeforeAll
    static void startServers() throws Exception {
        int providerPort = PayaraMicroProcess.freePort();
        providerUrl = "http://localhost:" + providerPort;
        Path users = Path.of(SecondFactorBrowserIT.class.getResource("/it-users.json").toURI());
        provider = PayaraMicroProcess.start("mfa-provider", providerPort, Map.of(
                "JWT_ALGORITHM", "RS256",
                "JWT_ISSUER", providerUrl,
                "USERS_IMPORT_FILE", users.toString()));
        service = Api.at(providerUrl + "/");
        int springPort = PayaraMicroProcess.freePort();
        springUrl = "http://127.0.0.1:" + springPort;
        Api.Answer client = service.asAdmin("POST", "/clients", "{\"client_id\":\"spring-mfa\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + springUrl + "/login/oauth2/code/oauth2-jwt\"],"
                + "\"post_logout_redirect_uris\":[\"" + springUrl + "/bye\"]}");
        assertEquals(201, client.status(), client::toString);
        spring = SpringBootProcess.start("spring-mfa-relying-party", springPort, List.of("--rp.provider=" + providerUrl,
                "--rp.client-id=spring-mfa", "--rp.client-secret=" + client.json().asJsonObject().getString("client_secret"),
                "--rp.acr-values=2"));
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        if (spring != null) {
            spring.stop();
        }
        if (provider != null) {
            provider.stop();
        }
    }

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.open();
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.keepScreenshot("mfa-last.png");
            chromium.quit();
        }
    }

    /** A person of this test alone, with a password and the me scope. */
    static String newUser(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = service.asAdmin("POST", "/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"email\":\"" + name + "@example.com\",\"scopes\":[\"me\"]}");
        assertEquals(201, created.status(), created::toString);
        return name;
    }

    void logIn(String user) {
        chromium.type(By.id("username"), user);
        chromium.type(By.id("password"), PASSWORD);
        chromium.submit(By.cssSelector("button[type=submit]"));
    }

    /** Logs out at our server (its confirmation page): every app's tokens end, the apps' own sessions not. */
    void logOut() {
        chromium.browser.get(providerUrl + "/logout");
        chromium.submit(By.cssSelector("button[type=submit]"));
        chromium.textOf(By.tagName("h1"));
    }

    /** A screenshot for docs/: taken by this test, copied there when the run is to be kept. */
    void docsScreenshot(String name) throws IOException {
        Path docs = Files.createDirectories(Path.of("target", "browser", "docs"));
        File shot = chromium.browser.findElement(By.tagName("main")).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anAuthenticatorAppAddedOnTheAccountPageGivesTheCodesAnAppAsksFor() throws Exception {
        WithLogs.run(() -> "the page: " + chromium.browser.getCurrentUrl() + "\n" + chromium.browser.getPageSource()
                + "\nprovider log:\n" + WithLogs.tail(provider.log()) + "\nSpring log:\n" + WithLogs.tail(spring.log()), () -> {
            String user = newUser("tina");
            chromium.browser.get(providerUrl + "/account");
            assertEquals("Log in", title(), "the account page asks for a login first");
            logIn(user);
            assertEquals(user, chromium.textOf(By.id("username")));
            assertTrue(chromium.textOf(By.id("mfa-status")).startsWith("Off"));
            docsScreenshot("account-page.png");

            chromium.type(By.id("name"), "phone");
            chromium.submit(By.cssSelector("#add-authenticator button"));
            String secret = chromium.textOf(By.id("secret")).replace(" ", "");
            assertTrue(chromium.browser.findElement(By.cssSelector(".qr svg")).isDisplayed(), "a QR code drawn by the server");
            docsScreenshot("mfa-add-authenticator.png");
            String enrolmentCode = Oathtool.code(secret);
            chromium.type(By.id("code"), enrolmentCode);
            chromium.submit(By.cssSelector("button[type=submit]"));
            chromium.textOf(By.id("recovery-codes"));
            assertEquals(10, chromium.browser.findElements(By.cssSelector("#recovery-codes li")).size());
            docsScreenshot("mfa-recovery-codes.png");
            chromium.submit(By.id("continue"));
            assertTrue(chromium.textOf(By.id("mfa-status")).startsWith("On"), chromium.browser.getPageSource());
            assertTrue(chromium.textOf(By.id("factors")).contains("phone"));
            logOut();

            // an application that asks for a second factor (acr_values=2)
            chromium.browser.get(springUrl + "/whoami");
            logIn(user);
            assertEquals("Two-step verification", title());
            docsScreenshot("login-second-step.png");
            chromium.type(By.id("code"), Oathtool.code(secret, 300));
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("Incorrect or already used code.", chromium.textOf(By.id("error")), "a code five minutes off");
            chromium.type(By.id("code"), enrolmentCode);
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("Incorrect or already used code.", chromium.textOf(By.id("error")), "the code the enrolment spent");
            chromium.type(By.id("code"), Oathtool.code(secret, 30));
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals(user, chromium.textOf(By.id("caller")), "Spring's oauth2Login took our ID token");
            assertEquals("[pwd, otp, mfa]", chromium.textOf(By.id("amr")), "the ID token says how the login was proven");
            assertEquals("2", chromium.textOf(By.id("acr")));
        });
    }

    @Test
    void aPasskeyAddedOnTheAccountPageIsASecondFactorThenTheWholeLogin() throws Exception {
        WithLogs.run(() -> "the page: " + chromium.browser.getCurrentUrl() + "\n" + chromium.browser.getPageSource()
                + "\nprovider log:\n" + WithLogs.tail(provider.log()) + "\nSpring log:\n" + WithLogs.tail(spring.log()), () -> {
            VirtualAuthenticator authenticator = chromium.browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                    .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                    .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                    .setHasResidentKey(true)
                    .setHasUserVerification(true)
                    .setIsUserVerified(true)
                    .setIsUserConsenting(true));
            String user = newUser("pat");
            chromium.browser.get(providerUrl + "/account");
            logIn(user);
            chromium.type(By.cssSelector("#add-passkey input[name=name]"), "laptop");
            chromium.click(By.id("add-passkey-button"));
            chromium.textOf(By.id("recovery-codes"));   // the script posts the form: wait for the next page
            assertEquals(10, chromium.browser.findElements(By.cssSelector("#recovery-codes li")).size(),
                    "the first factor comes with its recovery codes");
            chromium.submit(By.id("continue"));
            assertTrue(chromium.textOf(By.id("factors")).contains("laptop"));
            assertEquals(1, authenticator.getCredentials().size());
            assertTrue(authenticator.getCredentials().get(0).isResidentCredential(), "discoverable, for passwordless logins");
            logOut();

            chromium.browser.get(springUrl + "/whoami");
            logIn(user);
            assertEquals("Two-step verification", title());
            chromium.click(By.id("passkey-second-factor"));
            assertEquals(user, chromium.textOf(By.id("caller")));
            assertEquals("[pwd, hwk, user, mfa]", chromium.textOf(By.id("amr")));
            assertEquals("2", chromium.textOf(By.id("acr")));

            // Spring's own logout, RP-initiated at our server: both logins end
            chromium.click(By.id("logout"));
            assertEquals("logged out", chromium.textOf(By.id("bye")));

            chromium.browser.get(springUrl + "/whoami");
            assertEquals("Log in", title());
            docsScreenshot("login-page.png");
            chromium.click(By.id("passkey-login"));
            assertEquals(user, chromium.textOf(By.id("caller")), "no password: the passkey named the account");
            assertEquals("[hwk, user, mfa]", chromium.textOf(By.id("amr")), "the authenticator verified the person");
            assertEquals("2", chromium.textOf(By.id("acr")));
        });
    }

    String title() {
        chromium.textOf(By.tagName("h1"));
        return chromium.browser.getTitle().replace(" - oauth2-jwt", "");
    }
}
