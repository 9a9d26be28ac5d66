package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.rp.ByeServlet;
import dev.oauth2jwt.it.rp.LogoutServlet;
import dev.oauth2jwt.it.rp.OpenIdLogin;
import dev.oauth2jwt.it.rp.RelyingPartyConfig;
import dev.oauth2jwt.it.rp.WhoAmIServlet;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Single sign-on with a relying party we did not write: Jakarta Security's own OpenID Connect
 * client ({@code @OpenIdAuthenticationMechanismDefinition}) in two applications on a Payara Micro
 * of their own, our server (RS256) on another, driven by Chromium as a person would: log in once
 * on our page, get into the second application without it, log out of both.
 */
class PayaraOpenIdConnectBrowserIT {

    static final int ACCESS_TOKEN_MINUTES = 1;

    static PayaraMicroProcess provider;
    static PayaraMicroProcess applications;
    static String providerUrl;
    static String applicationsUrl;

    Chromium chromium;

    @BeforeAll
    static void startServers() throws Exception {
        int providerPort = PayaraMicroProcess.freePort();
        int applicationsPort = PayaraMicroProcess.freePort();
        providerUrl = "http://127.0.0.1:" + providerPort;
        applicationsUrl = "http://127.0.0.1:" + applicationsPort;
        Path users = Path.of(PayaraOpenIdConnectBrowserIT.class.getResource("/it-users.json").toURI());
        provider = PayaraMicroProcess.start("oidc-provider", providerPort, Map.of(
                "JWT_ALGORITHM", "RS256",
                "JWT_ISSUER", providerUrl,
                "JWT_EXPIRE_MINUTES", String.valueOf(ACCESS_TOKEN_MINUTES),
                "USERS_IMPORT_FILE", users.toString()));
        Api service = Api.at(providerUrl + "/");
        String admin = service.login("admin-user", "janes-password", "me admin").getString("access_token");
        Path app1 = relyingParty(service, admin, "app1", 10_000);
        // the second refreshes its tokens at every request after the first few seconds: a logout elsewhere shows at once
        Path app2 = relyingParty(service, admin, "app2", ACCESS_TOKEN_MINUTES * 60_000 - 3_000);
        applications = PayaraMicroProcess.startApplications("oidc-relying-parties", applicationsPort, List.of(app1, app2));
    }

    /** Registers the application as a confidential client and builds its WAR, named after it. */
    static Path relyingParty(Api service, String adminToken, String name, int tokenMinValidityMillis) throws IOException {
        String base = applicationsUrl + "/" + name;
        Api.Answer registered = service.postJson("/clients", "{\"client_id\":\"" + name + "\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + base + "/callback\"],\"post_logout_redirect_uris\":[\"" + base + "/bye\"],"
                // Jakarta Security's client sends no PKCE: it is held to its nonce, which it always sends
                + "\"require_pkce\":false}", "Authorization", "Bearer " + adminToken);
        assertEquals(201, registered.status(), registered::toString);
        JsonObject client = registered.json().asJsonObject();
        String properties = String.join("\n",
                "provider=" + providerUrl,
                "client-id=" + name,
                "client-secret=" + client.getString("client_secret"),
                "logged-out=" + base + "/bye",
                "token-min-validity=" + tokenMinValidityMillis, "");
        Path war = PayaraMicroProcess.work("oidc-relying-parties").resolve(name + ".war");
        ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(RelyingPartyConfig.class, OpenIdLogin.class, WhoAmIServlet.class, LogoutServlet.class, ByeServlet.class)
                .addAsResource(new StringAsset(properties), "rp.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        if (applications != null) {
            applications.stop();
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
            chromium.keepScreenshot("oidc-last.png");
            chromium.quit();
        }
    }

    @Test
    void logInOnceUseTwoApplicationsLogOutOfBoth() throws Exception {
        try {
            chromium.browser.get(applicationsUrl + "/app1/whoami");
            chromium.type(By.id("username"), "johndoe");
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), chromium.browser.getCurrentUrl());
            assertEquals("Log in", chromium.browser.getTitle().replace(" - oauth2-jwt", ""));
            chromium.type(By.id("password"), "secret");
            chromium.click(By.cssSelector("button[type=submit]"));
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "app1 knows the caller from our ID token");
            // (Jakarta Security's client keeps the callback's parameters on the original URL it returns to)
            assertTrue(chromium.browser.getCurrentUrl().startsWith(applicationsUrl + "/app1/whoami"), chromium.browser.getCurrentUrl());
            chromium.keepScreenshot("oidc-app1.png");
            chromium.requestsSent();

            chromium.browser.get(applicationsUrl + "/app2/whoami");
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "app2: logged in by the SSO session");
            List<String> requests = chromium.requestsSent();
            assertTrue(requests.stream().anyMatch(request -> request.startsWith("GET " + providerUrl + "/authorize?")), requests::toString);
            assertTrue(requests.stream().noneMatch(request -> request.startsWith("POST " + providerUrl)), "no login form: " + requests);

            chromium.browser.get(applicationsUrl + "/app1/logout");
            assertEquals("logged out", chromium.textOf(By.id("bye")));
            requests = chromium.requestsSent();
            assertTrue(requests.stream().anyMatch(request -> request.startsWith("GET " + providerUrl + "/logout?")
                    && request.contains("id_token_hint=")), requests::toString);

            chromium.browser.get(applicationsUrl + "/app1/whoami");
            chromium.textOf(By.id("username"));
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), "app1 asks for a login again");

            Thread.sleep(4_000);   // app2's access token now counts as near its end: app2 refreshes it, and may not
            chromium.browser.get(applicationsUrl + "/app2/whoami");
            assertEquals("logged out", chromium.textOf(By.id("bye")), "app2's refresh token ended with the SSO session: so did its login");
            assertTrue(chromium.browser.getCurrentUrl().startsWith(applicationsUrl + "/app2/bye"), chromium.browser.getCurrentUrl());
            chromium.browser.get(applicationsUrl + "/app2/whoami");
            chromium.textOf(By.id("username"));
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), "app2 asks for a login again");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nprovider log:\n" + tail(provider.log()) + "\napplications log:\n"
                    + tail(applications.log()), e);
        }
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
