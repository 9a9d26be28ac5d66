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
 * Logging out (RP-Initiated Logout): the browser login ends with every token its codes produced; a
 * logout that does not prove its app, or names another user, asks the user first.
 */
class LogoutIT extends CodeFlowTestBase {

    @Test
    void logoutEndsTheBrowserLoginAndEveryTokenItsCodesProduced() throws InterruptedException {
        TestClient app = confidentialClient(true);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, app, user);
        String oldCookie = browser.cookies.get(SSO);
        String passwordGrantToken = api.login(user, "its-password");

        Api.Answer unregistered = browser.get("/logout?id_token_hint=" + tokens.getString("id_token")
                + "&post_logout_redirect_uri=" + enc("https://evil.example.test/"));
        assertEquals(400, unregistered.status(), "never back to an unregistered address");
        assertNull(unregistered.header("location"));

        Api.Answer logout = browser.get("/logout?id_token_hint=" + tokens.getString("id_token")
                + "&post_logout_redirect_uri=" + enc(APP_LOGGED_OUT) + "&state=bye-1");
        assertEquals(302, logout.status(), logout::toString);
        assertEquals(APP_LOGGED_OUT + "?state=bye-1", logout.header("location"));
        assertFalse(browser.cookies.containsKey(SSO), "the cookie is cleared");

        assertEquals(401, Eventually.statusAfterChange(200, () -> me(tokens.getString("access_token")).status()));
        Api.Answer refresh = api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", CodeFlow.basic(app.id(), app.secret()));
        assertEquals(400, refresh.status(), refresh::toString);
        assertEquals(200, me(passwordGrantToken).status(), "another login of the same user lives on");

        BrowserSession sameBrowserStillHoldingTheOldCookie = new BrowserSession(api);
        sameBrowserStillHoldingTheOldCookie.cookies.put(SSO, oldCookie);
        assertEquals(200, sameBrowserStillHoldingTheOldCookie.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s",
                BrowserSession.verifier()))
                .status(), "the login page again: the browser login is over");
    }

    @Test
    void aLogoutThatDoesNotProveItsApplicationAsksTheUserFirst() throws InterruptedException {
        TestClient app = confidentialClient(true);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, app, user);

        // a link on any site can send the browser here: without an id_token_hint, the user is asked
        Api.Answer question = browser.get("/logout?client_id=" + app.id() + "&post_logout_redirect_uri=" + enc(APP_LOGGED_OUT)
                + "&state=bye-2");
        assertEquals(200, question.status(), question::toString);
        assertTrue(question.header("content-type").startsWith("text/html"), question::toString);
        assertTrue(question.body().contains("<form method=\"post\" action=\"logout/confirm\">"), question.body());
        assertTrue(question.body().contains("<strong>" + user + "</strong>"), "names who would be logged out: " + question.body());
        assertNull(question.header("location"));
        assertTrue(question.headers().getOrDefault("set-cookie", List.of()).isEmpty(), "the cookie stays: " + question);
        assertStillLoggedIn(browser, app, tokens);

        Map<String, String> form = BrowserSession.form(question.body(), Map.of());
        Map<String, String> withoutToken = new LinkedHashMap<>(form);
        withoutToken.remove("csrf");
        assertLogoutRefused(browser.postForm("/logout/confirm", Api.form(withoutToken)));
        assertLogoutRefused(browser.postForm("/logout/confirm", Api.form(BrowserSession.form(question.body(),
                Map.of("csrf", BrowserSession.verifier())))));
        assertLogoutRefused(browser.postForm("/logout/confirm", Api.form(form), "Origin", "https://evil.example.test"));
        BrowserSession other = new BrowserSession(api);
        other.logIn(CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", BrowserSession.verifier()), user(), "its-password");
        Map<String, String> othersForm = BrowserSession.form(other.get("/logout").body(), Map.of());
        assertLogoutRefused(browser.postForm("/logout/confirm", Api.form(othersForm)));
        assertStillLoggedIn(browser, app, tokens);

        Api.Answer confirmed = browser.postForm("/logout/confirm", Api.form(form));
        assertEquals(303, confirmed.status(), confirmed::toString);
        assertEquals(APP_LOGGED_OUT + "?state=bye-2", confirmed.header("location"));
        assertFalse(browser.cookies.containsKey(SSO), "the cookie is cleared");
        assertEquals(401, Eventually.statusAfterChange(200, () -> me(tokens.getString("access_token")).status()));
        String verifier = BrowserSession.verifier();
        assertEquals(200, browser.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", verifier)).status(),
                "the login page again");
        Api.Answer othersSilent = other.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", verifier) + "&prompt=none");
        assertNotNull(BrowserSession.query(othersSilent.header("location")).get("code"), "the other browser's login lives on");
    }

    @Test
    void anIdTokenHintOfAnotherUserAsksTooAndWithoutALoginThereIsNothingToAsk() {
        TestClient app = confidentialClient(true);
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, app, user());
        JsonObject othersTokens = logInAndRedeem(new BrowserSession(api), app, user());

        Api.Answer question = browser.get("/logout?id_token_hint=" + othersTokens.getString("id_token"));
        assertEquals(200, question.status(), question::toString);
        assertTrue(question.body().contains("action=\"logout/confirm\""), "another user's ID token proves nothing: " + question.body());
        assertStillLoggedIn(browser, app, tokens);

        Api.Answer nothingToEnd = new BrowserSession(api).get("/logout?client_id=" + app.id() + "&post_logout_redirect_uri="
                + enc(APP_LOGGED_OUT) + "&state=bye-3");
        assertEquals(302, nothingToEnd.status(), "no browser login, nothing to ask: " + nothingToEnd);
        assertEquals(APP_LOGGED_OUT + "?state=bye-3", nothingToEnd.header("location"));
        Api.Answer unregistered = browser.postForm("/logout/confirm", Api.form(BrowserSession.form(question.body(),
                Map.of("post_logout_redirect_uri", "https://evil.example.test/"))));
        assertEquals(400, unregistered.status(), "the posted form is checked again: " + unregistered);
        assertNull(unregistered.header("location"));
        assertStillLoggedIn(browser, app, tokens);
    }

    /** Logs the user in on the browser for a confidential client: the tokens its code brought. */

    private static void assertLogoutRefused(Api.Answer answer) {
        assertEquals(403, answer.status(), answer::toString);
        assertNull(answer.header("location"));
        assertTrue(answer.headers().getOrDefault("set-cookie", List.of()).isEmpty(), answer::toString);
    }

}
