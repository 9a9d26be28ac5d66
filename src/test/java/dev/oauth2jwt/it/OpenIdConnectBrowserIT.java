package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Chromium;
import dev.oauth2jwt.it.support.PayaraMicroOnly;
import dev.oauth2jwt.it.support.PayaraMicroProcess;
import dev.oauth2jwt.it.support.ApacheRelyingParty;
import dev.oauth2jwt.it.support.SpringBootProcess;
import dev.oauth2jwt.it.support.StaticSite;
import dev.oauth2jwt.it.support.WithLogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.rp.ByeServlet;
import dev.oauth2jwt.it.rp.LogoutServlet;
import dev.oauth2jwt.it.rp.OpenIdLogin;
import dev.oauth2jwt.it.rp.RelyingPartyConfig;
import dev.oauth2jwt.it.rp.WhoAmIServlet;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * Single sign-on with relying parties we did not write, driven by Chromium as a person would, our
 * server (RS256) on a Payara Micro of its own: Jakarta Security's OpenID Connect client
 * ({@code @OpenIdAuthenticationMechanismDefinition}) in two applications on another Payara Micro
 * (log in once on our page, get into the second application without it, log out of both), and
 * Spring Boot's {@code oauth2Login} in a third process (PKCE, its own ID token checks, SSO with the
 * Jakarta Security applications, its RP-initiated logout), and a single-page app with oidc-client-ts
 * on an origin of its own (PKCE, the token endpoint and the API through CORS).
 */
@PayaraMicroOnly
class OpenIdConnectBrowserIT {

    static final int ACCESS_TOKEN_MINUTES = 1;

    static PayaraMicroProcess provider;
    static PayaraMicroProcess applications;
    static SpringBootProcess spring;
    static ApacheRelyingParty apache;
    static StaticSite spa;
    static String spaUrl;
    static String providerUrl;
    static String applicationsUrl;
    static String springUrl;

    Chromium chromium;

    @BeforeAll
    static void startServers() throws Exception {
        int providerPort = PayaraMicroProcess.freePort();
        int applicationsPort = PayaraMicroProcess.freePort();
        providerUrl = "http://127.0.0.1:" + providerPort;
        applicationsUrl = "http://127.0.0.1:" + applicationsPort;
        Path users = Path.of(OpenIdConnectBrowserIT.class.getResource("/it-users.json").toURI());
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

        int springPort = PayaraMicroProcess.freePort();
        springUrl = "http://127.0.0.1:" + springPort;
        // as docs/single-sign-on.md registers it: Spring sends PKCE, so the default require_pkce holds
        // with Spring's back-channel logout endpoint (oidcLogout), as docs/single-sign-on.md registers it
        JsonObject springClient = register(service, admin, "spring", springUrl + "/login/oauth2/code/oauth2-jwt", springUrl + "/bye",
                true, ",\"backchannel_logout_uri\":\"" + springUrl + "/logout/connect/back-channel/oauth2-jwt\"");
        spring = SpringBootProcess.start("spring-relying-party", springPort, List.of("--rp.provider=" + providerUrl,
                "--rp.client-id=spring", "--rp.client-secret=" + springClient.getString("client_secret")));

        int apachePort = PayaraMicroProcess.freePort();
        // mod_auth_openidc's back-channel logout endpoint is its redirect URI with ?logout=backchannel
        JsonObject apacheClient = register(service, admin, "apache", ApacheRelyingParty.redirectUri(apachePort),
                "http://127.0.0.1:" + apachePort + "/", true, ",\"backchannel_logout_uri\":\""
                        + ApacheRelyingParty.redirectUri(apachePort) + "?logout=backchannel\"");
        apache = ApacheRelyingParty.start(apachePort, providerUrl, "apache", apacheClient.getString("client_secret"));

        int spaPort = PayaraMicroProcess.freePort();
        spaUrl = "http://127.0.0.1:" + spaPort;
        Api.Answer spaClient = service.postJson("/clients", "{\"client_id\":\"spa\",\"client_type\":\"public\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + spaUrl + "/\"],\"post_logout_redirect_uris\":[\"" + spaUrl + "/\"]}",
                "Authorization", "Bearer " + admin);
        assertEquals(201, spaClient.status(), spaClient::toString);
        Path spaFiles = Path.of(System.getProperty("it.work", "target/it-work")).resolveSibling("spa-relying-party");
        Path library = spaFiles.resolve("node_modules/oidc-client-ts/dist/browser/oidc-client-ts.min.js");
        if (!Files.isRegularFile(library)) {
            throw new AssertionError(library + " is missing: the build installs it (npm ci) before the integration tests");
        }
        spa = StaticSite.serve(spaPort, Map.of("index.html", spaFiles.resolve("index.html"), "app.js", spaFiles.resolve("app.js"),
                "oidc-client-ts.min.js", library), "const config = { authority: \"" + providerUrl + "\", clientId: \"spa\" };\n");
    }

    /** Registers a confidential client for these addresses: its registration, with the secret. */
    static JsonObject register(Api service, String adminToken, String name, String redirectUri, String loggedOutUri,
            boolean requirePkce) {
        return register(service, adminToken, name, redirectUri, loggedOutUri, requirePkce, "");
    }

    /** As above, with more of the registration's JSON fields ({@code ,"name":value...}). */
    static JsonObject register(Api service, String adminToken, String name, String redirectUri, String loggedOutUri,
            boolean requirePkce, String moreFields) {
        Api.Answer registered = service.postJson("/clients", "{\"client_id\":\"" + name + "\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + redirectUri + "\"],\"post_logout_redirect_uris\":[\"" + loggedOutUri + "\"],"
                + "\"require_pkce\":" + requirePkce + moreFields + "}", "Authorization", "Bearer " + adminToken);
        assertEquals(201, registered.status(), registered::toString);
        return registered.json().asJsonObject();
    }

    /** Registers the application as a confidential client and builds its WAR, named after it. */
    static Path relyingParty(Api service, String adminToken, String name, int tokenMinValidityMillis) throws IOException {
        String base = applicationsUrl + "/" + name;
        // Jakarta Security's client sends no PKCE: it is held to its nonce, which it always sends
        JsonObject client = register(service, adminToken, name, base + "/callback", base + "/bye", false);
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
        if (spa != null) {
            spa.close();
        }
        if (spring != null) {
            spring.stop();
        }
        if (apache != null) {
            apache.close();
        }
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
        WithLogs.run(() -> "provider log:\n" + WithLogs.tail(provider.log()) + "\napplications log:\n" + WithLogs.tail(applications.log()), () -> {
            chromium.browser.get(applicationsUrl + "/app1/whoami");
            chromium.type(By.id("username"), "johndoe");
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), chromium.browser.getCurrentUrl());
            assertEquals("Log in", chromium.browser.getTitle().replace(" - oauth2-jwt", ""));
            chromium.type(By.id("password"), "secret");
            chromium.submit(By.cssSelector("button[type=submit]"));
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
        });
    }

    @Test
    void springBootsOauth2LoginLogsInWithPkceSharesTheBrowserLoginAndLogsOut() throws Exception {
        WithLogs.run(() -> "provider log:\n" + WithLogs.tail(provider.log()) + "\nSpring log:\n" + WithLogs.tail(spring.log()), () -> {
            chromium.browser.get(springUrl + "/whoami");
            chromium.type(By.id("username"), "johndoe");
            String authorize = chromium.browser.getCurrentUrl();
            assertTrue(authorize.startsWith(providerUrl + "/authorize?"), authorize);
            assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("code_challenge=")
                    && authorize.contains("nonce="), "Spring sends PKCE and a nonce: " + authorize);
            chromium.type(By.id("password"), "secret");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "Spring took the caller from our ID token, checked its own way");
            assertEquals("johndoe@example.com", chromium.textOf(By.id("email")));
            chromium.keepScreenshot("oidc-spring.png");
            chromium.requestsSent();

            chromium.browser.get(applicationsUrl + "/app1/whoami");
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "a Jakarta Security app: logged in by the same browser login");
            assertTrue(chromium.requestsSent().stream().noneMatch(request -> request.startsWith("POST " + providerUrl)), "no login form");

            chromium.browser.get(springUrl + "/whoami");
            chromium.click(By.id("logout"));
            assertEquals("logged out", chromium.textOf(By.id("bye")));
            List<String> requests = chromium.requestsSent();
            assertTrue(requests.stream().anyMatch(request -> request.startsWith("GET " + providerUrl + "/logout?")
                    && request.contains("id_token_hint=")), "Spring's RP-initiated logout, with its ID token: " + requests);

            chromium.browser.get(springUrl + "/whoami");
            chromium.textOf(By.id("username"));
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), "a login again: the browser login is over");
        });
    }

    /**
     * Back-Channel Logout, proven by Spring Security's own {@code oidcLogout().backChannel()}: the
     * user logs out in another application (a Jakarta Security one, RP-initiated), and Spring's
     * session ends at once by our logout token, which Spring checks its own way (signature from
     * our JWKS, iss, aud, events, sid of its ID token); not at a refresh, which Spring never makes.
     */
    @Test
    void springBootsSessionEndsByOurLogoutTokenWhenTheUserLogsOutOfAnotherApplication() throws Exception {
        WithLogs.run(() -> "provider log:\n" + WithLogs.tail(provider.log()) + "\nSpring log:\n" + WithLogs.tail(spring.log()), () -> {
            chromium.browser.get(springUrl + "/whoami");
            chromium.type(By.id("username"), "johndoe");
            chromium.type(By.id("password"), "secret");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("johndoe", chromium.textOf(By.id("caller")));
            chromium.browser.get(applicationsUrl + "/app1/whoami");
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "app1: logged in by the same browser login");
            chromium.browser.get(springUrl + "/whoami");
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "Spring's own session stands");
            int deliveredBefore = deliveredTo("spring");

            chromium.browser.get(applicationsUrl + "/app1/logout");
            assertEquals("logged out", chromium.textOf(By.id("bye")));
            Instant deadline = Instant.now().plusSeconds(10);
            while (deliveredTo("spring") == deliveredBefore && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(deliveredBefore + 1, deliveredTo("spring"), "our audit log: Spring answered the logout token with 200");

            chromium.requestsSent();
            chromium.browser.get(springUrl + "/whoami");
            chromium.textOf(By.id("username"));
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"),
                    "Spring's session is over: it sends the browser to log in again " + chromium.browser.getCurrentUrl());
            assertTrue(chromium.requestsSent().stream().noneMatch(request -> request.contains("/token")),
                    "ended by the logout token, not by a refresh");
        });
    }

    /**
     * Back-Channel Logout, proven by Apache's mod_auth_openidc (Debian's): logged in through our
     * login page, logged out at our logout page, and mod_auth_openidc's session is over by our
     * logout token (which it checks against our JWKS), so the next request goes to log in again.
     */
    @Test
    void apachesModAuthOpenidcSessionEndsByOurLogoutToken() throws Exception {
        WithLogs.run(() -> "provider log:\n" + WithLogs.tail(provider.log()) + "\nApache log:\n" + WithLogs.tail(apache.log()), () -> {
            chromium.browser.get(apache.url + "/protected/whoami.shtml");
            chromium.type(By.id("username"), "johndoe");
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"), chromium.browser.getCurrentUrl());
            chromium.type(By.id("password"), "secret");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "mod_auth_openidc took the caller from our ID token");
            assertFalse(chromium.textOf(By.id("sid")).isBlank(), "our ID token's sid, which it keeps for the logout");
            chromium.browser.get(apache.url + "/protected/whoami.shtml");
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "its own session stands");
            int deliveredBefore = deliveredTo("apache");

            chromium.browser.get(providerUrl + "/logout");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("You are logged out.", chromium.textOf(By.cssSelector("p[role=alert]")));
            Instant deadline = Instant.now().plusSeconds(10);
            while (deliveredTo("apache") == deliveredBefore && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(deliveredBefore + 1, deliveredTo("apache"), "our audit log: mod_auth_openidc answered the logout token");

            chromium.browser.get(apache.url + "/protected/whoami.shtml");
            chromium.textOf(By.id("username"));
            assertTrue(chromium.browser.getCurrentUrl().startsWith(providerUrl + "/authorize?"),
                    "mod_auth_openidc's session is over: a login again " + chromium.browser.getCurrentUrl());
        });
    }

    /** How many logout tokens the client answered with 2xx, by our audit log. */
    static int deliveredTo(String clientId) {
        return (int) provider.log().lines().filter(line -> line.contains("backchannel logout")
                && line.contains("outcome=\"delivered\"") && line.contains("client_id=\"" + clientId + "\"")).count();
    }

    @Test
    void aSinglePageAppWithOidcClientTsLogsInAndCallsTheApiFromItsOwnOrigin() throws Exception {
        WithLogs.run(() -> "the page: " + chromium.browser.getCurrentUrl() + "\n" + chromium.browser.getPageSource()
                + "\nprovider log:\n" + WithLogs.tail(provider.log()), () -> {
            chromium.browser.get(spaUrl + "/");
            chromium.click(By.id("login"));
            chromium.type(By.id("username"), "johndoe");
            String authorize = chromium.browser.getCurrentUrl();
            assertTrue(authorize.startsWith(providerUrl + "/authorize?") && authorize.contains("code_challenge_method=S256"), authorize);
            chromium.type(By.id("password"), "secret");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertEquals("johndoe", chromium.textOf(By.id("caller")), "the app read our ID token");
            assertTrue(chromium.textOf(By.id("subject")).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"),
                    "sub: the account's identifier, never reassigned");
            // an Authorization header from another origin: the browser asked first (a preflight), and was let
            assertEquals("200 johndoe", chromium.textOf(By.id("me")), "GET /users/me/ from the app's origin, with its token");
            chromium.keepScreenshot("oidc-spa.png");
            List<String> requests = chromium.requestsSent();
            assertTrue(requests.stream().anyMatch(request -> request.startsWith("POST " + providerUrl + "/token")), requests::toString);
        });
    }
}
