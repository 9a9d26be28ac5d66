package dev.oauth2jwt.it.support;


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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the code flow's integration tests share: the server they run against (RS256, an https
 * issuer, so cookies are {@code __Host-}), the app's redirect URIs, and the steps of a login as a
 * browser and an app take them ({@link CodeFlow}'s, for this redirect URI).
 */
public abstract class CodeFlowTestBase extends ServerTestBase {

    protected static final String ISSUER = "https://login.example.test";
    protected static final String APP = "https://app.example.test/callback";
    protected static final String APP_LOGGED_OUT = "https://app.example.test/bye";
    protected static final int CODE_SECONDS = 5;
    /** The account page asks for a fresh login before a change after this long (the default is 300). */
    protected static final int ACCOUNT_REAUTHENTICATION_SECONDS = 6;
    protected static final String APP_ORIGIN = "https://app.example.test";
    protected static final String CONFIGURED_ORIGIN = "https://reports.example.test";
    /** The issuer is https: the browser login's cookie has a __Host- name (no neighbour can plant one). */
    protected static final String SSO = "__Host-oauth2jwt_sso";

    /**
     * The server every code flow test runs against: RS256, an https issuer, short-lived codes, one
     * configured CORS origin, a short account-page re-authentication, back-channel logouts retried
     * after a second; one deployment for all of them
     * ({@link SharedDeployments}).
     */
    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.war("jwt.algorithm=RS256", "jwt.issuer=" + ISSUER, "authorization-code.seconds=" + CODE_SECONDS,
                "cors.origins=" + CONFIGURED_ORIGIN, "account.reauthentication-seconds=" + ACCOUNT_REAUTHENTICATION_SECONDS,
                "logout.retry-seconds=1", "logout.retry-max-seconds=2", "logout.poll-millis=200");
    }

    /** A registered client; {@code secret} null for a public one. */
    public record TestClient(String id, String secret) {
    }

    protected CodeFlow flow() {
        return new CodeFlow(api, APP);
    }

    protected TestClient publicClient() {
        return new TestClient(flow().publicClient().id(), null);
    }

    protected TestClient confidentialClient(boolean requirePkce) {
        CodeFlow.TestClient client = flow().confidentialClient(requirePkce, APP_LOGGED_OUT);
        return new TestClient(client.id(), client.secret());
    }

    /** A user of this test alone: no other test's failed logins slow it down. */
    protected String user() {
        return flow().user();
    }

    protected String subjectOf(String user) {
        return flow().subjectOf(user);
    }

    /** A fresh login of the user in a new browser: the code it brought back. */
    protected String code(TestClient client, String user, String verifier) {
        return flow().logIn(new BrowserSession(api), CodeFlow.authorizeQuery(client.id(), APP, "openid me", "n", "s", verifier), user);
    }

    protected Api.Answer redeem(String clientId, String secret, String code, String redirectUri, String verifier) {
        return new CodeFlow(api, redirectUri).redeem(new CodeFlow.TestClient(clientId, secret), code, verifier);
    }

    protected Api.Answer me(String token) {
        return api.get("/users/me/", "Authorization", "Bearer " + token);
    }

    protected Api.Answer admin(String method, String path, String json) {
        return api.asAdmin(method, path, json);
    }

    protected java.security.PublicKey publishedKey(String kid) {
        return flow().publishedKey(kid);
    }

    protected static String atHash(String accessToken) {
        return CodeFlow.atHash(accessToken);
    }

    protected static JsonObject part(String token, int index) {
        return CodeFlow.part(token, index);
    }

    protected static String enc(String value) {
        return CodeFlow.enc(value);
    }

    protected JsonObject logInAgain(BrowserSession browser, TestClient app, String extra, String user) {
        String verifier = BrowserSession.verifier();
        Api.Answer page = browser.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", verifier) + extra);
        assertEquals(200, page.status(), "the login page: " + page);
        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        Api.Answer tokens = redeem(app.id(), app.secret(), BrowserSession.query(loggedIn.header("location")).get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject();
    }

    protected Api.Answer refresh(TestClient app, JsonObject tokens) {
        return api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", CodeFlow.basic(app.id(), app.secret()));
    }


    protected JsonObject logInAndRedeem(BrowserSession browser, TestClient app, String user) {
        return logInAgain(browser, app, "", user);
    }

    /** The browser login still stands (a code without the login page) and its tokens still work. */
    protected void assertStillLoggedIn(BrowserSession browser, TestClient app, JsonObject tokens) {
        Api.Answer silent = browser.get("/authorize?" + CodeFlow.authorizeQuery(app.id(), APP, "openid", "n", "s", BrowserSession.verifier())
                + "&prompt=none");
        assertEquals(302, silent.status(), silent::toString);
        assertNotNull(BrowserSession.query(silent.header("location")).get("code"), "still logged in: " + silent.header("location"));
        assertEquals(200, me(tokens.getString("access_token")).status());
    }

}
