package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.JsonTexts;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.Eventually;
import dev.oauth2jwt.it.support.CodeFlowTestBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jws;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The browser login (single sign-on) and its login page: a second app logs in without a password,
 * {@code prompt=login} and {@code max_age} ask again, another user replaces the login, the login hint,
 * and the page's refusals (CSRF, a wrong password that reads like an unknown user, a disabled account,
 * throttling shared with the password grant).
 */
class BrowserLoginIT extends CodeFlowTestBase {

    @Test
    void aSecondAuthorizationUsesTheBrowserLoginUnlessALoginIsAskedFor() {
        TestClient spa = publicClient();
        TestClient other = publicClient();
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        assertEquals(303, browser.logIn(CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n1", "s1", BrowserSession.verifier()), user, "its-password")
                .status());

        String verifier = BrowserSession.verifier();
        Api.Answer sso = browser.get("/authorize?" + CodeFlow.authorizeQuery(other.id(), APP, "openid", "n2", "s2", verifier));
        assertEquals(302, sso.status(), "no login page: the browser is logged in");
        Map<String, String> back = BrowserSession.query(sso.header("location"));
        assertEquals("s2", back.get("state"));
        Api.Answer tokens = redeem(other.id(), null, back.get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals(subjectOf(user), part(tokens.json().asJsonObject().getString("id_token"), 1).getString("sub"));

        Api.Answer forced = browser.get("/authorize?" + CodeFlow.authorizeQuery(other.id(), APP, "openid", "n3", "s3", verifier) + "&prompt=login");
        assertEquals(200, forced.status(), "prompt=login: the login page although logged in");

        Api.Answer silent = new BrowserSession(api).get("/authorize?" + CodeFlow.authorizeQuery(other.id(), APP, "openid", "n4", "s4", verifier)
                + "&prompt=none");
        assertEquals(302, silent.status());
        assertEquals("login_required", BrowserSession.query(silent.header("location")).get("error"));
        assertEquals("s4", BrowserSession.query(silent.header("location")).get("state"));
    }

    @Test
    void aLoginAgainOnTheSameBrowserRenewsItsLoginUnderANewCookieSoThatALogoutStillEndsEveryApp() throws InterruptedException {
        TestClient app = confidentialClient(true);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject first = logInAndRedeem(browser, app, user);
        String cookie = browser.cookies.get(SSO);
        Thread.sleep(1_100);

        JsonObject second = logInAgain(browser, app, "&prompt=login", user);
        assertNotEquals(cookie, browser.cookies.get(SSO), "a new cookie at every login on the browser");
        BrowserSession capturedBefore = new BrowserSession(api);
        capturedBefore.cookies.put(SSO, cookie);
        Api.Answer withTheOldCookie = capturedBefore.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s",
                BrowserSession.verifier()) + "&prompt=none");
        assertEquals("login_required", BrowserSession.query(withTheOldCookie.header("location")).get("error"),
                "a cookie captured before does not inherit the fresh login: " + withTheOldCookie);
        assertTrue(part(second.getString("id_token"), 1).getJsonNumber("auth_time").longValue()
                > part(first.getString("id_token"), 1).getJsonNumber("auth_time").longValue(), "auth_time is the new login's");
        assertEquals(200, me(first.getString("access_token")).status(), "the first app's login lives on");

        Api.Answer logout = browser.get("/logout?id_token_hint=" + second.getString("id_token"));
        assertEquals(200, logout.status(), logout::toString);
        assertEquals(401, Eventually.statusAfterChange(200, () -> me(first.getString("access_token")).status()),
                "the logout ends what the first login gave too");
        assertEquals(400, refresh(app, first).status());
    }

    @Test
    void anotherUsersLoginOnTheSameBrowserEndsThePreviousUsersLogin() throws InterruptedException {
        TestClient app = confidentialClient(true);
        BrowserSession browser = new BrowserSession(api);
        JsonObject first = logInAndRedeem(browser, app, user());
        String cookie = browser.cookies.get(SSO);

        String someoneElse = user();
        JsonObject second = logInAgain(browser, app, "&prompt=login", someoneElse);
        assertEquals(subjectOf(someoneElse), part(second.getString("id_token"), 1).getString("sub"));
        assertFalse(cookie.equals(browser.cookies.get(SSO)), "a browser login of its own");
        assertEquals(401, Eventually.statusAfterChange(200, () -> me(first.getString("access_token")).status()),
                "the previous user's browser login is over, and what it gave");
        assertEquals(400, refresh(app, first).status());
        assertEquals(200, me(second.getString("access_token")).status());
    }

    @Test
    void maxAgeAsksForALoginAgainWhenTheBrowsersLoginIsOlder() throws InterruptedException {
        TestClient app = confidentialClient(true);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject first = logInAndRedeem(browser, app, user);
        Thread.sleep(2_100);
        String query = CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        Api.Answer recentEnough = browser.get("/authorize?" + query + "&max_age=600");
        assertNotNull(BrowserSession.query(recentEnough.header("location")).get("code"), recentEnough::toString);
        Api.Answer tooOld = browser.get("/authorize?" + query + "&max_age=1");
        assertEquals(200, tooOld.status(), "the login page: " + tooOld);
        assertTrue(tooOld.body().contains("id=\"password\""), tooOld.body());
        Api.Answer silent = browser.get("/authorize?" + query + "&max_age=1&prompt=none");
        assertEquals("login_required", BrowserSession.query(silent.header("location")).get("error"), silent::toString);
        Api.Answer malformed = browser.get("/authorize?" + query + "&max_age=soon");
        assertEquals("invalid_request", BrowserSession.query(malformed.header("location")).get("error"), malformed::toString);

        JsonObject again = logInAgain(browser, app, "&max_age=1", user);
        assertTrue(part(again.getString("id_token"), 1).getJsonNumber("auth_time").longValue()
                > part(first.getString("id_token"), 1).getJsonNumber("auth_time").longValue(), "auth_time is the new login's");
    }

    @Test
    void theLoginPageOffersTheLoginHintAsTheUsername() {
        TestClient spa = publicClient();
        String query = CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        Api.Answer hinted = new BrowserSession(api).get("/authorize?" + query + "&login_hint=alice");
        assertTrue(hinted.body().contains("name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" "
                + "required autofocus value=\"alice\""), hinted.body());
        Api.Answer notAUsername = new BrowserSession(api).get("/authorize?" + query + "&login_hint=" + enc("\"><script>x</script>"));
        assertEquals(200, notAUsername.status());
        assertFalse(notAUsername.body().contains("<script>"), notAUsername.body());
        assertTrue(notAUsername.body().contains("required autofocus value=\"\""), "not offered: " + notAUsername.body());
    }

    /** The login page (on a browser already logged in, the extra parameters ask for it), filled in: the tokens of its code. */

    @Test
    void aLoginPostWithoutItsCsrfTokenIsRefused() {
        TestClient spa = publicClient();
        String user = user();
        String query = CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        BrowserSession noCookie = new BrowserSession(api);
        Api.Answer page = noCookie.get("/authorize?" + query);
        noCookie.cookies.clear();
        assertRefused(noCookie.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password")))));

        BrowserSession wrongToken = new BrowserSession(api);
        page = wrongToken.get("/authorize?" + query);
        assertRefused(wrongToken.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password", "csrf", BrowserSession.verifier())))));

        BrowserSession noField = new BrowserSession(api);
        page = noField.get("/authorize?" + query);
        Map<String, String> fields = BrowserSession.form(page.body(), Map.of("username", user, "password", "its-password"));
        fields.remove("csrf");
        assertRefused(noField.postForm("/login", Api.form(fields)));

        BrowserSession foreign = new BrowserSession(api);
        page = foreign.get("/authorize?" + query);
        assertRefused(foreign.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))), "Origin", "https://evil.example.test"));
    }

    @Test
    void aLoginPostWithoutAnyBodyIsRefusedNotAnError() {
        Api.Answer answer = api.post("/login", new byte[0]);

        // Payara and TomEE hand the resource no form: the CSRF check's 403 page; WildFly's RESTEasy refuses first, 415 JSON
        assertTrue(answer.status() == 403 && answer.header("content-type").startsWith("text/html")
                || answer.status() == 415 && answer.header("content-type").startsWith("application/json"), answer::toString);
        assertNull(answer.header("location"));
    }

    private static void assertRefused(Api.Answer answer) {
        assertEquals(403, answer.status(), answer::toString);
        assertNull(answer.header("location"));
        assertTrue(answer.headers().getOrDefault("set-cookie", List.of()).stream().noneMatch(c -> c.startsWith(SSO + "=")));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserReadTheSame() {
        TestClient spa = publicClient();
        String query = CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        Api.Answer wrong = new BrowserSession(api).logIn(query, user(), "not-its-password");
        Api.Answer unknown = new BrowserSession(api).logIn(query, "nobody-" + UUID.randomUUID(), "whatever");

        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertTrue(wrong.body().contains("Incorrect username or password."), wrong.body());
        assertEquals(wrong.body().replaceAll("value=\"[^\"]*\"", ""), unknown.body().replaceAll("value=\"[^\"]*\"", ""),
                "the same page, but for the form's values");
    }

    @Test
    void aDisabledAccountGetsNoBrowserLogin() {
        TestClient spa = publicClient();
        String user = user();
        assertEquals(200, admin("PATCH", "/users/" + user, "{\"disabled\":true}").status());

        Api.Answer page = new BrowserSession(api).logIn(CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier()), user,
                "its-password");

        assertEquals(403, page.status(), page::toString);
        assertTrue(page.body().contains("This account is disabled."), page.body());
        assertNull(page.header("location"));
        assertTrue(page.headers().getOrDefault("set-cookie", List.of()).stream().noneMatch(c -> c.startsWith(SSO + "=")));
    }

    @Test
    void failedLoginsOnThePageCountLikeThoseOfThePasswordGrant() {
        TestClient spa = publicClient();
        String query = CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        String pageVictim = user();
        for (int i = 0; i < 10; i++) {
            assertEquals(401, new BrowserSession(api).logIn(query, pageVictim, "wrong-" + i).status());
        }
        Api.Answer grant = api.postForm("/token", "username=" + pageVictim + "&password=its-password");
        assertEquals(429, grant.status(), "the page's failures count at the token endpoint: " + grant);

        String grantVictim = user();
        for (int i = 0; i < 10; i++) {
            assertEquals(401, api.postForm("/token", "username=" + grantVictim + "&password=wrong-" + i).status());
        }
        Api.Answer page = new BrowserSession(api).logIn(query, grantVictim, "its-password");
        assertEquals(429, page.status(), "and the token endpoint's on the page: " + page);
        assertNotNull(page.header("retry-after"));
        assertTrue(page.body().contains("Too many failed logins"), page.body());
    }

}
