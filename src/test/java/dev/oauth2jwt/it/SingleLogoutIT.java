package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BackChannelReceiver;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.CodeFlowTestBase;
import dev.oauth2jwt.testing.Jws;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single logout (Back-Channel and Front-Channel Logout 1.0): every way a browser login ends tells
 * the apps that had tokens from it. The app here is the JDK's HTTP server keeping what it is sent;
 * Spring's, WildFly's and mod_auth_openidc's own checks of our logout tokens are the browser tests'.
 */
class SingleLogoutIT extends CodeFlowTestBase {

    /** How long a logout may take to arrive: the first attempt goes at once. */
    static final Duration SOON = Duration.ofSeconds(10);

    BackChannelReceiver app;

    @BeforeEach
    void startApp() throws Exception {
        app = BackChannelReceiver.start();
    }

    @AfterEach
    void stopApp() {
        app.close();
    }

    /** A confidential client told of logouts by the back channel at the receiver (and the front channel, when given). */
    TestClient clientWithBackChannel(String frontchannelUri) {
        String id = CodeFlow.clientId("slo");
        Api.Answer created = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"scopes\":[\"me\"],\"redirect_uris\":[\""
                + APP + "\"],\"post_logout_redirect_uris\":[\"" + APP_LOGGED_OUT + "\"],\"backchannel_logout_uri\":\"" + app.uri()
                + "\",\"backchannel_logout_session_required\":true"
                + (frontchannelUri == null ? "" : ",\"frontchannel_logout_uri\":\"" + frontchannelUri + "\"") + "}");
        assertEquals(201, created.status(), created::toString);
        JsonObject client = created.json().asJsonObject();
        assertEquals(app.uri(), client.getString("backchannel_logout_uri"));
        assertTrue(client.getBoolean("backchannel_logout_session_required"));
        return new TestClient(id, client.getString("client_secret"));
    }

    /** Into another app by the browser login alone (no login page): the tokens its code brought. */
    JsonObject singleSignOn(BrowserSession browser, TestClient client) {
        String verifier = BrowserSession.verifier();
        Api.Answer silent = browser.get("/authorize?" + CodeFlow.authorizeQuery(client.id(), APP, "openid", "n", "s", verifier)
                + "&prompt=none");
        assertEquals(302, silent.status(), silent::toString);
        Api.Answer tokens = redeem(client.id(), client.secret(), BrowserSession.query(silent.header("location")).get("code"), APP,
                verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject();
    }

    /** The logout token sent to the client for the browser login, within {@link #SOON}. */
    Optional<JsonObject> logoutTokenFor(TestClient client, String sid) throws InterruptedException {
        return app.await(token -> part(token, 1).getString("aud").equals(client.id()) && sid.equals(part(token, 1).getString("sid")),
                SOON).map(token -> part(token, 1));
    }

    @Test
    void aLogoutTellsEveryAppOfTheBrowserLoginWithASignedLogoutTokenNamingItsIdTokensSid() throws Exception {
        TestClient crm = clientWithBackChannel(null);
        TestClient wiki = clientWithBackChannel(null);
        TestClient quiet = confidentialClient(true);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject crmTokens = logInAndRedeem(browser, crm, user);
        JsonObject wikiTokens = singleSignOn(browser, wiki);
        singleSignOn(browser, quiet);
        JsonObject idToken = flow().verifiedClaims(crmTokens.getString("id_token"), "RS256");
        String sid = idToken.getString("sid");
        assertEquals(sid, part(wikiTokens.getString("id_token"), 1).getString("sid"), "one browser login, one sid for all its apps");
        assertFalse(sid.equals(part(crmTokens.getString("access_token"), 1).getString("sid")),
                "the access token's sid is its app session's, not the browser login's");

        Api.Answer logout = browser.get("/logout?id_token_hint=" + crmTokens.getString("id_token") + "&post_logout_redirect_uri="
                + enc(APP_LOGGED_OUT));
        assertEquals(302, logout.status(), logout::toString);

        for (TestClient told : List.of(crm, wiki)) {
            String token = app.await(sent -> part(sent, 1).getString("aud").equals(told.id()), SOON).orElseThrow(
                    () -> new AssertionError(told.id() + " was not told: " + app.tokens()));
            JsonObject header = part(token, 0);
            assertEquals("logout+jwt", header.getString("typ"));
            assertEquals("RS256", header.getString("alg"));
            assertTrue(Jws.verifies(token, "RS256", publishedKey(header.getString("kid"))), "signed with a published key");
            JsonObject claims = part(token, 1);
            assertEquals(ISSUER, claims.getString("iss"));
            assertEquals(idToken.getString("sub"), claims.getString("sub"));
            assertEquals(sid, claims.getString("sid"));
            assertTrue(claims.getJsonObject("events").containsKey("http://schemas.openid.net/event/backchannel-logout"));
            assertFalse(claims.containsKey("nonce"));
            assertTrue(claims.getJsonNumber("exp").longValue() > claims.getJsonNumber("iat").longValue());
            assertNotNull(claims.getString("jti"));
            assertEquals(401, me(token).status(), "a logout token is no access token");
        }
        Thread.sleep(500);
        assertEquals(2, app.tokens().size(), "once each, and nothing for the app without a back channel: " + app.tokens());
    }

    @Test
    void anAppThatIsDownWhenTheLogoutHappensIsToldWhenItComesBack() throws Exception {
        TestClient crm = clientWithBackChannel(null);
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, crm, user());
        String sid = part(tokens.getString("id_token"), 1).getString("sid");
        app.down();

        assertEquals(200, browser.get("/logout?id_token_hint=" + tokens.getString("id_token")).status(), "the logged-out page");
        Thread.sleep(2500);   // the first attempts fail: nobody listens
        app.up();

        assertTrue(logoutTokenFor(crm, sid).isPresent(), "retried (LOGOUT_RETRY_SECONDS is 1 here) until it came back");
    }

    /** Every way the browser login ends, each on its own user's login: the app is told. */
    @Test
    void everyWayABrowserLoginEndsTellsItsApps() throws Exception {
        TestClient crm = clientWithBackChannel(null);
        Map<String, Consumer<Session>> endings = new java.util.LinkedHashMap<>();
        endings.put("log out everywhere", s -> assertEquals(204, api.post("/logout", new byte[0], "Authorization",
                "Bearer " + api.login(s.user(), "its-password")).status()));
        endings.put("password change", s -> assertEquals(200, admin("PATCH", "/users/" + s.user(),
                "{\"password\":\"another-password\"}").status()));
        endings.put("disabling", s -> assertEquals(200, admin("PATCH", "/users/" + s.user(), "{\"disabled\":true}").status()));
        endings.put("deletion", s -> assertEquals(204, admin("DELETE", "/users/" + s.user(), null).status()));
        endings.put("an administrator ending the browser login", s -> assertEquals(204,
                admin("DELETE", "/users/" + s.user() + "/sessions/" + s.sid(), null).status()));
        endings.put("an administrator ending the app's session", s -> {
            JsonObject listed = admin("GET", "/users/" + s.user() + "/sessions", null).json().asJsonObject();
            String appSession = listed.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                    .filter(session -> "app".equals(session.getString("kind"))).findFirst().orElseThrow().getString("id");
            assertEquals(204, admin("DELETE", "/users/" + s.user() + "/sessions/" + appSession, null).status());
        });
        endings.put("another user's login on that browser", s -> logInAgain(s.browser(), crm, "&prompt=login", user()));
        for (Map.Entry<String, Consumer<Session>> ending : endings.entrySet()) {
            String user = user();
            BrowserSession browser = new BrowserSession(api);
            JsonObject tokens = logInAndRedeem(browser, crm, user);
            String sid = part(tokens.getString("id_token"), 1).getString("sid");
            ending.getValue().accept(new Session(user, sid, browser));
            assertTrue(logoutTokenFor(crm, sid).isPresent(), ending.getKey() + " told nothing: " + app.tokens());
        }
    }

    record Session(String user, String sid, BrowserSession browser) {
    }

    @Test
    void theAdminApiListsAUsersSessionsAndEndsOne() throws Exception {
        TestClient crm = clientWithBackChannel(null);
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, crm, user);
        String sid = part(tokens.getString("id_token"), 1).getString("sid");

        Api.Answer listed = admin("GET", "/users/" + user + "/sessions", null);
        assertEquals(200, listed.status(), listed::toString);
        List<JsonObject> sessions = listed.json().asJsonObject().getJsonArray("sessions").getValuesAs(JsonObject.class);
        JsonObject login = sessions.stream().filter(s -> "browser".equals(s.getString("kind"))).findFirst().orElseThrow();
        assertEquals(sid, login.getString("id"));
        assertEquals(List.of("pwd"), login.getJsonArray("amr").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        JsonObject appSession = sessions.stream().filter(s -> "app".equals(s.getString("kind"))).findFirst().orElseThrow();
        assertEquals(crm.id(), appSession.getString("client_id"));
        assertEquals(sid, appSession.getString("browser_login"));

        Api.Answer unknown = admin("DELETE", "/users/" + user + "/sessions/no-such-session", null);
        assertEquals(404, unknown.status());
        assertEquals("{\"detail\":\"Session not found\"}", unknown.body());
        assertEquals(404, admin("GET", "/users/nobody-" + sid + "/sessions", null).status());
        assertEquals(401, api.get("/users/" + user + "/sessions", "Authorization", "Bearer " + api.login(user, "its-password")).status(),
                "the admin scope only");
        assertStillLoggedIn(browser, crm, tokens);
    }

    @Test
    void theLogoutPageFramesEachAppsFrontChannelUriWithIssAndSidThenGoesOn() throws Exception {
        TestClient crm = clientWithBackChannel(APP_ORIGIN + "/frontchannel-logout");
        BrowserSession browser = new BrowserSession(api);
        JsonObject tokens = logInAndRedeem(browser, crm, user());
        String sid = part(tokens.getString("id_token"), 1).getString("sid");

        Api.Answer page = browser.get("/logout?id_token_hint=" + tokens.getString("id_token") + "&post_logout_redirect_uri="
                + enc(APP_LOGGED_OUT) + "&state=bye");

        assertEquals(200, page.status(), "a page that frames the app, not a redirect: " + page);
        assertTrue(page.body().contains("<iframe class=\"logout\" title=\"Logging out of an application\" src=\"" + APP_ORIGIN
                + "/frontchannel-logout?iss=" + enc(ISSUER) + "&amp;sid=" + enc(sid) + "\"></iframe>"), page.body());
        assertTrue(page.body().contains("<a class=\"button\" id=\"continue\" href=\"" + APP_LOGGED_OUT + "?state=bye\">"), page.body());
        assertTrue(page.body().contains("<script src=\"assets/logout.js\"></script>"), page.body());
        String policy = page.header("content-security-policy");
        assertTrue(policy.endsWith("; frame-src " + APP_ORIGIN), "frames the app's origin and nothing else: " + policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(browser.cookies.containsKey(SSO), "logged out all the same");
        assertTrue(logoutTokenFor(crm, sid).isPresent(), "and told by the back channel too");
        Api.Answer script = api.get("/assets/logout.js");
        assertEquals(200, script.status());
        assertTrue(script.header("content-type").startsWith("text/javascript"), script::toString);
    }

    @Test
    void aClientsLogoutUrisFollowTheSpecifications() {
        String id = CodeFlow.clientId("slo");
        String base = "{\"client_id\":\"" + id + "\",\"redirect_uris\":[\"" + APP + "\"]";
        assertInvalid(admin("POST", "/clients", base + ",\"backchannel_logout_uri\":\"https://app.example.test/bc#x\"}"),
                "backchannel_logout_uri");
        assertInvalid(admin("POST", "/clients", base + ",\"client_type\":\"public\",\"backchannel_logout_uri\":"
                + "\"http://app.internal/bc\"}"), "backchannel_logout_uri");
        assertInvalid(admin("POST", "/clients", base + ",\"frontchannel_logout_uri\":\"https://elsewhere.example.test/fc\"}"),
                "frontchannel_logout_uri");
        assertInvalid(admin("POST", "/clients", base + ",\"backchannel_logout_uri\":\"ftp://app.example.test/bc\"}"),
                "backchannel_logout_uri");

        Api.Answer created = admin("POST", "/clients", base + ",\"backchannel_logout_uri\":\"http://app.internal:8080/bc?x=1\"}");
        assertEquals(201, created.status(), "http for a confidential client (section 2.2): " + created);
        assertFalse(created.json().asJsonObject().getBoolean("backchannel_logout_session_required"));
        Api.Answer removed = admin("PATCH", "/clients/" + id, "{\"backchannel_logout_uri\":null,\"frontchannel_logout_uri\":\""
                + APP_ORIGIN + "/fc\"}");
        assertEquals(200, removed.status(), removed::toString);
        assertTrue(removed.json().asJsonObject().isNull("backchannel_logout_uri"), removed::toString);
        assertEquals(APP_ORIGIN + "/fc", removed.json().asJsonObject().getString("frontchannel_logout_uri"));
        assertInvalid(admin("PATCH", "/clients/" + id, "{\"redirect_uris\":[\"https://other.example.test/cb\"]}"),
                "frontchannel_logout_uri");
    }

    private static void assertInvalid(Api.Answer answer, String field) {
        assertEquals(422, answer.status(), answer::toString);
        assertTrue(answer.body().contains("\"" + field + "\""), answer::toString);
    }

    @Test
    void discoverySaysBothChannelsAreSupported() {
        JsonObject metadata = api.get("/.well-known/openid-configuration").json().asJsonObject();
        for (String name : List.of("backchannel_logout_supported", "backchannel_logout_session_supported",
                "frontchannel_logout_supported", "frontchannel_logout_session_supported")) {
            assertTrue(metadata.getBoolean(name), name);
        }
    }
}
