package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.directory.control.Directory;
import dev.oauth2jwt.directory.control.DirectoryKind;
import dev.oauth2jwt.directory.control.DirectorySettings;
import dev.oauth2jwt.directory.control.DirectoryUnavailableException;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.Chromium;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;
import dev.oauth2jwt.it.support.StaticSite;
import dev.oauth2jwt.it.support.TestDirectory;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Directory login against OpenLDAP ({@link TestDirectory}: Debian's slapd over LDAPS with a test
 * CA, and a replica as the second URL): the password grant and the login page with a directory
 * password, the account linked by entryUUID, groups to scopes, the directory's word at every
 * refresh (locked, removed, out of a group), local accounts beside it, the admin API's limits,
 * filter injection, an unauthenticated bind the server would accept, throttling, failover, and
 * the directory down and back.
 */
class DirectoryIT extends ServerTestBase {

    static TestDirectory directory;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        directory = TestDirectory.get();
        // RS256 and an https issuer: the code flow with openid, as the single sign-on runs
        return Deployments.war(directory.config("jwt.algorithm=RS256", "jwt.issuer=https://login.example.test"));
    }

    static String password(String name) {
        return name + TestDirectory.PASSWORD_SUFFIX;
    }

    Api.Answer passwordGrant(String username, String password, String... scope) {
        return api.postForm("/token", Api.form(scope.length == 0 ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "scope", scope[0])), "X-Forwarded-For", address());
    }

    /** An address of this test alone: failed logins of one test never throttle another's. */
    String address = "10.23." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

    String address() {
        return address;
    }

    Api.Answer refresh(String refreshToken) {
        return api.postForm("/token", Api.form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)),
                "X-Forwarded-For", address());
    }

    Api.Answer me(String accessToken) {
        return api.get("/users/me/", "Authorization", "Bearer " + accessToken);
    }

    @Test
    void aDirectoryPersonLogsInWithTheirDirectoryPasswordAndGetsAnAccountFromTheirEntry() {
        Api.Answer login = passwordGrant("amber", password("amber"), "me admin");
        assertEquals(200, login.status(), login::toString);
        JsonObject tokens = login.json().asJsonObject();
        JsonObject me = me(tokens.getString("access_token")).json().asJsonObject();
        assertEquals("amber", me.getString("username"));
        assertEquals("amber@directory.example.org", me.getString("email"));
        assertEquals("Amber Directory", me.getString("full_name"));

        JsonObject account = api.asAdmin("GET", "/users/amber", null).json().asJsonObject();
        assertEquals("directory", account.getString("source"));
        assertEquals(java.util.Set.of("me", "items", "admin"),
                java.util.Set.copyOf(account.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString)),
                "the defaults, and admin from cn=api-admins");
        assertTrue(account.getBoolean("email_verified"), "LDAP_EMAIL_VERIFIED=true");
        Api.Answer asAdmin = api.get("/users/amber", "Authorization", "Bearer " + tokens.getString("access_token"));
        assertEquals(200, asAdmin.status(), "the admin scope works: " + asAdmin);

        assertEquals(401, passwordGrant("amber", "wrong-password").status());
        assertEquals(401, passwordGrant("amber", password("amber").toUpperCase()).status());
        assertEquals("{\"detail\":\"Incorrect username or password\"}", passwordGrant("nobody-" + UUID.randomUUID(), "x").body(),
                "an unknown name: FastAPI's answer, as a wrong password's");
    }

    @Test
    void theAccountFollowsTheEntryByItsEntryUuidNotItsName() {
        JsonObject first = passwordGrant("edith", password("edith")).json().asJsonObject();
        String subject = api.asAdmin("GET", "/users/edith", null).json().asJsonObject().getString("id");
        directory.modify("dn: uid=edith," + TestDirectory.PEOPLE + "\nchangetype: modrdn\nnewrdn: uid=edith-renamed\ndeleteoldrdn: 1\n");
        try {
            Api.Answer renamed = passwordGrant("edith-renamed", password("edith"));
            assertEquals(200, renamed.status(), renamed::toString);
            JsonObject me = me(renamed.json().asJsonObject().getString("access_token")).json().asJsonObject();
            assertEquals("edith", me.getString("username"), "the same account: linked by entryUUID, not by name");
            assertEquals(subject, api.asAdmin("GET", "/users/edith", null).json().asJsonObject().getString("id"));
            assertEquals(404, api.asAdmin("GET", "/users/edith-renamed", null).status(), "no second account");
            assertNotEquals(first.getString("access_token"), renamed.json().asJsonObject().getString("access_token"));
        } finally {
            directory.modify("dn: uid=edith-renamed," + TestDirectory.PEOPLE + "\nchangetype: modrdn\nnewrdn: uid=edith\ndeleteoldrdn: 1\n");
        }
    }

    @Test
    void aNameWithFilterCharactersMatchesNobodyElse() {
        for (String name : List.of("*", "a*", "*)(uid=*", "amber)(|(uid=*", "(", ")", "\\", "am*er", "*)(objectClass=*")) {
            Api.Answer answer = passwordGrant(name, password("amber"));
            assertEquals(401, answer.status(), name + ": " + answer);
        }
        assertEquals(400, api.postForm("/token", "username=amber%00&password=" + password("amber"), "X-Forwarded-For", address()).status(),
                "NUL never reaches the directory");
    }

    @Test
    void anEmptyPasswordNeverReachesTheDirectoryWhichWouldTakeItForAnUnauthenticatedBind() {
        assertEquals(422, api.postForm("/token", "username=felix&password=", "X-Forwarded-For", address()).status());
        CodeFlow flow = new CodeFlow(api, "https://app.example.test/callback");
        CodeFlow.TestClient client = flow.publicClient();
        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.logIn(flow.authorize(client.id(), "openid", "n", "s", BrowserSession.verifier()), "felix", "");
        assertEquals(400, page.status(), page::toString);
        assertTrue(page.body().contains("Enter your username and password."), page.body());
        assertEquals(303, browser.logIn(flow.authorize(client.id(), "openid", "n", "s", BrowserSession.verifier()), "felix",
                password("felix")).status(), "the right password does");
    }

    @Test
    void theLoginPageTakesADirectoryPasswordForTheCodeFlow() {
        CodeFlow flow = new CodeFlow(api, "https://app.example.test/callback");
        CodeFlow.TestClient client = flow.publicClient();
        String verifier = BrowserSession.verifier();
        Api.Answer loggedIn = new BrowserSession(api).logIn(flow.authorize(client.id(), "openid profile email", "n", "s", verifier),
                "oscar", password("oscar"));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        Api.Answer tokens = flow.redeem(client, BrowserSession.query(loggedIn.header("location")).get("code"), verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        Api.Answer userinfo = api.get("/userinfo", "Authorization", "Bearer " + tokens.json().asJsonObject().getString("access_token"));
        assertEquals("oscar@directory.example.org", userinfo.json().asJsonObject().getString("email"), userinfo::toString);
        assertEquals("Oscar Directory", userinfo.json().asJsonObject().getString("name"));
    }

    @Test
    void aPersonLogsInOnTheLoginPageInChromiumWithTheirDirectoryPassword() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String app = "http://127.0.0.1:" + port + "/callback";
        CodeFlow flow = new CodeFlow(api, app);
        CodeFlow.TestClient client = flow.publicClient();
        String verifier = BrowserSession.verifier();
        Chromium chromium = Chromium.open();
        try (StaticSite callback = StaticSite.serve(port, Map.of(), "")) {
            chromium.browser.get(api.uri("/authorize?" + flow.authorize(client.id(), "openid email", "n", "s", verifier)).toString());
            chromium.type(By.id("username"), "walter");
            chromium.type(By.id("password"), "wrong-password");
            chromium.submit(By.cssSelector("button[type=submit]"));
            assertTrue(chromium.textOf(By.tagName("body")).contains("Incorrect username or password."));
            chromium.type(By.id("username"), "walter");
            chromium.type(By.id("password"), password("walter"));
            chromium.submit(By.cssSelector("button[type=submit]"));
            chromium.wait.until(browser -> browser.getCurrentUrl().startsWith(app));   // served by callback
            Map<String, String> back = BrowserSession.query(chromium.browser.getCurrentUrl());
            chromium.keepScreenshot("directory-login.png");
            Api.Answer tokens = flow.redeem(client, back.get("code"), verifier);
            assertEquals(200, tokens.status(), tokens::toString);
            Api.Answer userinfo = api.get("/userinfo", "Authorization", "Bearer " + tokens.json().asJsonObject().getString("access_token"));
            assertEquals("walter@directory.example.org", userinfo.json().asJsonObject().getString("email"), userinfo::toString);
        } finally {
            chromium.quit();
        }
    }

    /** The service's own directory client, outside the server: StartTLS and LDAPS against slapd, trusting one CA. */
    static Directory client(String url, boolean startTls, java.nio.file.Path ca) {
        return Directory.of(new DirectorySettings(List.of(url), DirectoryKind.OPENLDAP, startTls, Optional.of(ca.toString()),
                Optional.of(TestDirectory.SEARCH_ACCOUNT), Optional.of(directory.searchPassword()), TestDirectory.PEOPLE, "(uid={0})",
                "uid", "entryUUID", "mail", "cn", false, Optional.empty(), "(member={dn})", Map.of(), Set.of("me"),
                DirectorySettings.Precedence.LOCAL, 1000, 2000, 2, 500, 0).checked());
    }

    @Test
    void startTlsAndLdapsTrustTheConfiguredCaAndNeverFallBackToPlainText() {
        String startTls = "ldap://localhost:" + TestDirectory.PRIMARY_PORT;
        String ldaps = "ldaps://localhost:" + TestDirectory.PRIMARY_LDAPS_PORT;
        for (Directory trusted : List.of(client(startTls, true, directory.caFile()), client(ldaps, false, directory.caFile()))) {
            try {
                assertEquals("Amber Directory", trusted.findByName("amber").orElseThrow().fullName());
                assertEquals(Directory.Bind.ACCEPTED, trusted.bind("uid=amber," + TestDirectory.PEOPLE, password("amber")));
            } finally {
                trusted.close();
            }
        }
        for (Directory untrusted : List.of(client(startTls, true, directory.otherCaFile()), client(ldaps, false, directory.otherCaFile()))) {
            try {
                assertThrows(DirectoryUnavailableException.class, () -> untrusted.findByName("amber"), "another CA's certificate");
                assertThrows(DirectoryUnavailableException.class, () -> untrusted.bind("uid=amber," + TestDirectory.PEOPLE,
                        password("amber")), "no password goes over a connection the CA does not vouch for");
            } finally {
                untrusted.close();
            }
        }
    }

    @Test
    void aLocalAccountOfTheSameNameIsTheLocalOneWithLocalPrecedence() {
        assertEquals(200, passwordGrant("johndoe", "secret").status(), "the local account, as configured (LDAP_PRECEDENCE=local)");
        assertEquals(401, passwordGrant("johndoe", password("johndoe")).status(), "never both passwords");
        assertEquals("local", api.asAdmin("GET", "/users/johndoe", null).json().asJsonObject().getString("source"));
    }

    @Test
    void theAdminApiCannotChangeWhatTheDirectoryOwnsButCanDisableTheAccount() {
        String token = passwordGrant("brian", password("brian")).json().asJsonObject().getString("access_token");
        for (String change : List.of("{\"password\":\"a-new-password\"}", "{\"scopes\":[\"me\",\"admin\"]}",
                "{\"email\":\"brian@elsewhere.example\"}", "{\"full_name\":\"Robert\"}")) {
            Api.Answer refused = api.asAdmin("PATCH", "/users/brian", change);
            assertEquals(409, refused.status(), change + ": " + refused);
            assertTrue(refused.json().asJsonObject().getString("detail").contains("directory"), refused::toString);
        }
        Api.Answer own = api.postJson("/users/me/password", "{\"current_password\":\"" + password("brian")
                + "\",\"new_password\":\"another-password\"}", "Authorization", "Bearer " + token);
        assertEquals(409, own.status(), own::toString);
        assertEquals("{\"detail\":\"This account's password is the directory's: change it there\"}", own.body());

        assertEquals(200, api.asAdmin("PATCH", "/users/brian", "{\"disabled\":true}").status());
        try {
            assertEquals(401, me(token).status(), "disabling revoked its tokens");
            Api.Answer after = passwordGrant("brian", password("brian"));
            assertEquals(200, after.status(), "the seed's rule: a disabled account still gets a token ...");
            assertEquals(400, me(after.json().asJsonObject().getString("access_token")).status(), "... which grants nothing");
        } finally {
            assertEquals(200, api.asAdmin("PATCH", "/users/brian", "{\"disabled\":false}").status());
        }
    }

    @Test
    void aPersonTakenOutOfAGroupLosesItsScopeAtTheNextRefresh() {
        JsonObject tokens = passwordGrant("grace", password("grace"), "me admin").json().asJsonObject();
        assertEquals(200, api.get("/users/grace", "Authorization", "Bearer " + tokens.getString("access_token")).status());
        directory.modify("dn: " + TestDirectory.ADMINS_GROUP + "\nchangetype: modify\ndelete: member\nmember: uid=grace,"
                + TestDirectory.PEOPLE + "\n");
        try {
            Api.Answer refreshed = refresh(tokens.getString("refresh_token"));
            assertEquals(200, refreshed.status(), refreshed::toString);
            String access = refreshed.json().asJsonObject().getString("access_token");
            assertEquals(401, api.get("/users/grace", "Authorization", "Bearer " + access).status(), "no admin scope any more");
            assertEquals(200, me(access).status(), "the rest stays");
            assertEquals(401, api.get("/users/grace", "Authorization", "Bearer " + tokens.getString("access_token")).status(),
                    "nor with the token from before: the account no longer holds the scope");
            assertFalse(api.asAdmin("GET", "/users/grace", null).body().contains("admin"));
        } finally {
            directory.modify("dn: " + TestDirectory.ADMINS_GROUP + "\nchangetype: modify\nadd: member\nmember: uid=grace,"
                    + TestDirectory.PEOPLE + "\n");
        }
    }

    @Test
    void aPersonLockedInTheDirectoryIsRefusedAtTheNextRefreshAndTheirTokensEnd() {
        JsonObject tokens = passwordGrant("heidi", password("heidi")).json().asJsonObject();
        String lock = "dn: uid=heidi," + TestDirectory.PEOPLE + "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
                + "pwdAccountLockedTime: 000001010000Z\n";
        directory.modify(lock);
        try {
            Api.Answer refused = refresh(tokens.getString("refresh_token"));
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("{\"error\":\"invalid_grant\"}", refused.body());
            assertEquals(401, me(tokens.getString("access_token")).status(), "its tokens ended with it");
            assertEquals(401, passwordGrant("heidi", password("heidi")).status(), "nor can it log in");
        } finally {
            directory.modify("dn: uid=heidi," + TestDirectory.PEOPLE + "\nchangetype: modify\ndelete: pwdAccountLockedTime\n");
        }
        assertEquals(200, passwordGrant("heidi", password("heidi")).status(), "unlocked: in again");
    }

    @Test
    void aPersonRemovedFromTheDirectoryIsRefusedAtTheNextRefresh() {
        JsonObject tokens = passwordGrant("ivan", password("ivan")).json().asJsonObject();
        directory.modify("dn: uid=ivan," + TestDirectory.PEOPLE + "\nchangetype: delete\n");
        try {
            assertEquals(400, refresh(tokens.getString("refresh_token")).status());
            assertEquals(401, me(tokens.getString("access_token")).status());
            assertEquals(401, passwordGrant("ivan", password("ivan")).status());
        } finally {
            directory.modify("dn: uid=ivan," + TestDirectory.PEOPLE + "\nchangetype: add\nobjectClass: inetOrgPerson\nuid: ivan\n"
                    + "cn: Ivan Directory\nsn: Directory\nuserPassword: " + password("ivan") + "\n");
        }
        Api.Answer again = passwordGrant("ivan", password("ivan"));
        assertEquals(401, again.status(), "a new entry under the old name is another person: never linked by name " + again);
    }

    @Test
    void directoryFailuresAreThrottledLikeWrongPasswordsUnderTheNameAsTheDirectoryMatchesIt() {
        // the directory matches mallory, Mallory and " MALLORY " alike: so does the throttle, or each spelling got ten more tries
        List<String> spellings = List.of("mallory", "Mallory", " MALLORY ", "mallory  ", "MaLLoRy");
        for (int attempt = 0; attempt < 10; attempt++) {
            assertEquals(401, passwordGrant(spellings.get(attempt % spellings.size()), "guess-" + attempt).status());
        }
        Api.Answer throttled = passwordGrant("mallory", password("mallory"));
        assertEquals(429, throttled.status(), throttled::toString);
    }

    @Test
    void theReplicaAnswersWhileThePrimaryIsDown() {
        directory.primary().stop();
        try {
            Api.Answer login = passwordGrant("judy", password("judy"));
            assertEquals(200, login.status(), login::toString);
            assertEquals(401, passwordGrant("judy", "wrong").status());
        } finally {
            directory.primary().start();
        }
    }

    @Test
    void withTheDirectoryDownItsPeopleGetA503AndEverythingElseWorksThenItRecoversAlone() {
        JsonObject before = passwordGrant("peggy", password("peggy")).json().asJsonObject();
        directory.primary().stop();
        directory.replica().stop();
        try {
            Api.Answer login = passwordGrant("trent", password("trent"));
            assertEquals(503, login.status(), login::toString);
            assertEquals("{\"detail\":\"The user directory cannot be reached; retry later\"}", login.body());
            assertEquals("5", login.header("Retry-After"));

            Api.Answer refresh = refresh(before.getString("refresh_token"));
            assertEquals(503, refresh.status(), refresh::toString);
            assertEquals("{\"error\":\"temporarily_unavailable\"}", refresh.body());

            CodeFlow flow = new CodeFlow(api, "https://app.example.test/callback");
            Api.Answer page = new BrowserSession(api).logIn(flow.authorize(flow.publicClient().id(), "openid", "n", "s",
                    BrowserSession.verifier()), "trent", password("trent"));
            assertEquals(503, page.status(), page::toString);
            assertTrue(page.body().contains("directory cannot be reached"), page.body());

            assertEquals(200, me(before.getString("access_token")).status(), "a directory person's token still works");
            assertEquals(200, passwordGrant("johndoe", "secret").status(), "a local account still logs in");
            String ready = health();
            assertTrue(ready.matches("(?s).*\"directory\"\\s*:\\s*\"DOWN \\(connect error\\)\".*"), ready);
            assertTrue(ready.matches("(?s).*\"status\"\\s*:\\s*\"UP\".*"), "still ready: everyone else is served " + ready);
        } finally {
            directory.primary().start();
            directory.replica().start();
        }
        Api.Answer back = passwordGrant("trent", password("trent"));
        assertEquals(200, back.status(), "back by itself: " + back);
        assertEquals(200, refresh(before.getString("refresh_token")).status(), "the session was kept through the outage");
        assertTrue(health().matches("(?s).*\"directory\"\\s*:\\s*\"UP\".*"), health());
    }

    @Test
    void aHungDirectoryIsGivenUpAfterItsResponseTimeoutAndLocalLoginsGoOn() {
        JsonObject before = passwordGrant("victor", password("victor")).json().asJsonObject();
        directory.primary().hang();
        directory.replica().hang();
        try {
            Api.Answer login = passwordGrant("victor", password("victor"));
            assertEquals(503, login.status(), "LDAP_RESPONSE_TIMEOUT_MS bounds the wait: " + login);
            assertEquals(200, passwordGrant("johndoe", "secret").status(), "a local login meanwhile");
            assertEquals(200, me(before.getString("access_token")).status());
        } finally {
            directory.primary().resume();
            directory.replica().resume();
        }
        assertEquals(200, passwordGrant("victor", password("victor")).status(), "answering again: in again");
    }

    /** Payara serves health beside the application; WildFly on its management port (it.health.url). */
    private String health() {
        String elsewhere = System.getProperty("it.health.url", "");
        return (elsewhere.isBlank() ? api.get("/health/ready") : Api.at(elsewhere).get("/health/ready")).body();
    }
}
