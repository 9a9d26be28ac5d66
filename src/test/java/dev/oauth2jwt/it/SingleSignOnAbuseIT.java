package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.CodeFlow.TestClient;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an attacker tries against the single sign-on, from the review of issue 21: a stolen refresh
 * token shown to a resource server, a code outliving its logout, an ID token used as an access
 * token, a client named like a user, cookies planted or captured, an account filled with rows, NUL
 * characters for PostgreSQL, endless bodies and parameters, a copy of the database. Each test
 * failed before its fix. RS256 behind an https issuer, at most {@value #SESSIONS} sessions per account.
 */
class SingleSignOnAbuseIT extends ServerTestBase {

    static final String ISSUER = "https://login.example.test";
    static final String APP = "https://app.example.test/callback";
    static final int SESSIONS = 5;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("jwt.algorithm=RS256", "jwt.issuer=" + ISSUER, "login.max-sessions-per-user=" + SESSIONS);
    }

    CodeFlow flow;
    TestClient app;
    String user;

    @BeforeEach
    void registerAnApp() {
        flow = new CodeFlow(api, APP);
        app = flow.confidentialClient(true, "https://app.example.test/bye");
        user = flow.user();
    }

    // --- tokens taken for what they are not -----------------------------------------------------------

    @Test
    void aRefreshTokenIsActiveOnlyToTheClientItWasIssuedTo() {
        JsonObject tokens = flow.tokens(app, user, "openid me");
        TestClient resourceServer = flow.confidentialClient(true, "https://api.example.test/bye");

        assertEquals("{\"active\":false}", introspect(resourceServer, tokens.getString("refresh_token"), null).toString(),
                "a resource server shown a stolen refresh token learns nothing");
        JsonObject own = introspect(app, tokens.getString("refresh_token"), null);
        assertTrue(own.getBoolean("active"), own::toString);
        assertEquals("refresh_token", own.getString("token_type"));
        assertEquals(app.id(), own.getString("client_id"));
        assertEquals(flow.subjectOf(user), own.getString("sub"));
        assertEquals(user, own.getString("username"));
        assertTrue(introspect(app, tokens.getString("refresh_token"), "access_token").getBoolean("active"),
                "a wrong hint: the search goes on (RFC 7662 2.1)");
        JsonObject access = introspect(resourceServer, tokens.getString("access_token"), "refresh_token");
        assertTrue(access.getBoolean("active"), access::toString);
        assertEquals("Bearer", access.getString("token_type"));
        assertEquals(400, api.postForm("/introspect", "token=x&token_type_hint=a&token_type_hint=b", "Authorization",
                CodeFlow.basic(app.id(), app.secret())).status(), "a hint sent twice");
    }

    @Test
    void everyAccessTokenNamesItsAudienceWhichNoIdTokenHas() {
        JsonObject tokens = flow.tokens(app, user, "openid me");
        String password = api.login(user, "its-password", "me").getString("access_token");

        assertEquals(ISSUER, CodeFlow.part(tokens.getString("access_token"), 1).getString("aud"),
                "without JWT_AUDIENCE, RS256 tokens are for the issuer's APIs");
        assertEquals(ISSUER, CodeFlow.part(password, 1).getString("aud"));
        assertEquals(app.id(), CodeFlow.part(tokens.getString("id_token"), 1).getString("aud"));
        assertEquals(200, me(password).status());
        assertEquals(401, me(tokens.getString("id_token")).status(), "an ID token is never an access token");
    }

    @Test
    void aClientAndAUserOfTheSameNameAreNeverTakenForEachOther() {
        Api.Answer registered = api.asAdmin("POST", "/clients", "{\"client_id\":\"" + user + "\",\"scopes\":[\"me\"],"
                + "\"grant_types\":[\"client_credentials\",\"authorization_code\"],\"redirect_uris\":[\"" + APP + "\"]}");
        assertEquals(201, registered.status(), registered::toString);
        TestClient namesake = new TestClient(user, registered.json().asJsonObject().getString("client_secret"));

        String clientToken = api.postForm("/token", "grant_type=client_credentials", "Authorization",
                CodeFlow.basic(namesake.id(), namesake.secret())).json().asJsonObject().getString("access_token");
        Api.Answer asClient = api.get("/auth/verify", "Authorization", "Bearer " + clientToken);
        assertEquals(200, asClient.status());
        assertEquals(user, asClient.header("x-auth-client"));
        assertNull(asClient.header("x-auth-user"), "a client's token never names a user");
        assertEquals(401, me(clientToken).status());

        String userToken = flow.tokens(namesake, user, "me").getString("access_token");
        assertEquals(user, CodeFlow.part(userToken, 1).getString("client_id"), "the user's token, for the client of the same name");
        Api.Answer asUser = me(userToken);
        assertEquals(200, asUser.status(), "still the user's token: " + asUser);
        assertEquals(user, asUser.json().asJsonObject().getString("username"));
        Api.Answer verified = api.get("/auth/verify", "Authorization", "Bearer " + userToken);
        assertEquals(user, verified.header("x-auth-user"));
        assertNull(verified.header("x-auth-client"));
    }

    // --- a code and a cookie live no longer than the login -------------------------------------------------

    @Test
    void aCodeDiesWithTheBrowserLoginThatMadeIt() {
        BrowserSession browser = new BrowserSession(api);
        String verifier = BrowserSession.verifier();
        JsonObject first = flow.redeem(app, flow.logIn(browser, flow.authorize(app.id(), "openid me", "n", "s", verifier), user),
                verifier).json().asJsonObject();
        String pending = ssoCode(browser, verifier);

        Api.Answer logout = browser.get("/logout?id_token_hint=" + first.getString("id_token"));
        assertEquals(200, logout.status(), logout::toString);
        Api.Answer late = flow.redeem(app, pending, verifier);
        assertEquals(400, late.status(), "issued before the logout, redeemed after it: " + late);

        BrowserSession shared = new BrowserSession(api);
        flow.logIn(shared, flow.authorize(app.id(), "openid me", "n", "s", verifier), user);
        String before = ssoCode(shared, verifier);
        flow.logIn(shared, flow.authorize(app.id(), "openid me", "n", "s", verifier) + "&prompt=login", flow.user());
        assertEquals(400, flow.redeem(app, before, verifier).status(), "another user's login on that browser ended it");
    }

    @Test
    void overHttpsTheCookiesAreHostOnlySecureAndRenamedSoNoNeighbourCanPlantOne() {
        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.get("/authorize?" + flow.authorize(app.id(), "openid", "n", "s", BrowserSession.verifier()));
        String csrf = cookie(page, "__Host-oauth2jwt_csrf=");
        assertTrue(csrf.contains("; Path=/;") && csrf.contains("; Secure") && csrf.contains("SameSite=Strict")
                && !csrf.contains("Domain"), csrf);

        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        String sso = cookie(loggedIn, "__Host-oauth2jwt_sso=");
        assertTrue(sso.contains("; Path=/;") && sso.contains("; Secure") && sso.contains("HttpOnly") && !sso.contains("Domain"), sso);

        BrowserSession planted = new BrowserSession(api);
        planted.cookies.put("oauth2jwt_sso", browser.cookies.get("__Host-oauth2jwt_sso"));
        Api.Answer unprefixed = planted.get("/authorize?" + flow.authorize(app.id(), "openid", "n", "s", BrowserSession.verifier())
                + "&prompt=none");
        assertEquals("login_required", BrowserSession.query(unprefixed.header("location")).get("error"),
                "over https only the __Host- cookie counts: " + unprefixed);
    }

    // --- what one account can hold ------------------------------------------------------------------------

    @Test
    void anAccountHoldsAtMostItsLimitOfLoginSessionsTheOldestEndingFirst() throws Exception {
        BrowserSession browser = new BrowserSession(api);
        String verifier = BrowserSession.verifier();
        flow.logIn(browser, flow.authorize(app.id(), "openid me", "n", "s", verifier), user);
        List<JsonObject> sessions = new ArrayList<>();
        for (int i = 0; i <= SESSIONS; i++) {
            sessions.add(flow.redeem(app, ssoCode(browser, verifier), verifier).json().asJsonObject());
        }

        assertEquals(401, me(sessions.get(0).getString("access_token")).status(), "the oldest session ended");
        assertEquals(400, refresh(sessions.get(0)).status());
        assertEquals(200, me(sessions.get(1).getString("access_token")).status());
        assertEquals(200, me(sessions.get(SESSIONS).getString("access_token")).status());
        assertEquals(SESSIONS, TestDatabase.longValue("SELECT COUNT(*) FROM login_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE u.username = ? AND s.revoked_at IS NULL", user));
    }

    @Test
    void anAccountHoldsAtMostItsLimitOfBrowserLoginsTheOldestEndingFirst() {
        List<BrowserSession> browsers = new ArrayList<>();
        for (int i = 0; i <= SESSIONS; i++) {
            BrowserSession browser = new BrowserSession(api);
            flow.logIn(browser, flow.authorize(app.id(), "openid", "n", "s", BrowserSession.verifier()), user);
            browsers.add(browser);
        }

        String silently = flow.authorize(app.id(), "openid", "n", "s", BrowserSession.verifier()) + "&prompt=none";
        assertEquals("login_required", BrowserSession.query(browsers.get(0).get("/authorize?" + silently).header("location"))
                .get("error"), "the oldest browser login ended");
        assertTrue(BrowserSession.query(browsers.get(SESSIONS).get("/authorize?" + silently).header("location")).containsKey("code"));
    }

    @Test
    void aBrowserLoginHoldsAtMostTenCodesNotYetRedeemedAndASpentRefreshTokenIsRefusedStill() throws Exception {
        BrowserSession browser = new BrowserSession(api);
        String verifier = BrowserSession.verifier();
        flow.logIn(browser, flow.authorize(app.id(), "openid me", "n", "s", verifier), user);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            codes.add(ssoCode(browser, verifier));
        }
        assertEquals(400, flow.redeem(app, codes.get(0), verifier).status(), "the oldest open code made room");
        JsonObject tokens = flow.redeem(app, codes.get(10), verifier).json().asJsonObject();

        String first = tokens.getString("refresh_token");
        for (int i = 0; i < 25; i++) {
            Api.Answer refreshed = refresh(tokens);
            assertEquals(200, refreshed.status(), refreshed::toString);
            tokens = refreshed.json().asJsonObject();
        }
        // housekeeping forgets all but the latest 20 spent tokens once a minute: RefreshTokensTest proves it
        assertEquals(400, api.postForm("/token", "grant_type=refresh_token&refresh_token=" + first, "Authorization",
                CodeFlow.basic(app.id(), app.secret())).status(), "an old spent token is refused still");
    }

    // --- bad input -------------------------------------------------------------------------------------------

    @Test
    void aNulCharacterIsABadRequestEverywhereNeverA500() {
        String basicWithNul = "Basic " + Base64.getEncoder().encodeToString((app.id() + "%00:" + app.secret())
                .getBytes(StandardCharsets.UTF_8));
        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.get("/authorize?" + flow.authorize(app.id(), "openid", "n", "s", BrowserSession.verifier()));
        Map<String, String> form = BrowserSession.form(page.body(), Map.of("username", "john\0doe", "password", "x"));

        List<Api.Answer> answers = List.of(
                api.get("/authorize?client_id=" + app.id() + "%00&response_type=code"),
                browser.postForm("/login", Api.form(form)),
                api.postForm("/token", "grant_type=client_credentials", "Authorization", basicWithNul),
                api.postForm("/introspect", "token=x", "Authorization", basicWithNul),
                api.postForm("/token", "grant_type=authorization_code&code=x&redirect_uri=y", "Authorization", basicWithNul),
                api.get("/logout?client_id=a%00b"),
                api.asAdmin("GET", "/users/john%00doe", null),
                api.asAdmin("GET", "/clients/app%00", null));
        for (Api.Answer answer : answers) {
            assertEquals(400, answer.status(), answer::toString);
        }
        Api.Answer json = api.asAdmin("POST", "/users", "{\"username\":\"nul-user\",\"password\":\"its-password\","
                + "\"full_name\":\"Nul\\u0000Name\"}");
        assertEquals(422, json.status(), json::toString);
        assertTrue(json.body().contains("\"type\":\"string_nul_character\""), json.body());
        Api.Answer clientJson = api.asAdmin("POST", "/clients", "{\"client_id\":\"nul-client\",\"redirect_uris\":[\"" + APP
                + "\\u0000\"]}");
        assertEquals(422, clientJson.status(), clientJson::toString);
    }

    @Test
    void chunkedBodiesAndParametersAreBoundedAndAnOverLongStateIsNeverRedirected() {
        byte[] huge = ("state=" + "a".repeat(70 * 1024)).getBytes(StandardCharsets.US_ASCII);
        for (String path : List.of("/authorize", "/login", "/logout/confirm")) {
            Api.Answer answer = api.postChunked(path, huge, "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(413, answer.status(), path + " " + answer.status());
        }

        String longState = "s".repeat(3000);
        Api.Answer answer = new BrowserSession(api).get("/authorize?" + flow.authorize(app.id(), "openid", "n", longState,
                BrowserSession.verifier()));
        assertEquals(400, answer.status(), "an error page");
        assertNull(answer.header("location"), "never copied into a redirect");
        Api.Answer longHint = new BrowserSession(api).get("/authorize?" + flow.authorize(app.id(), "openid", "n", "s",
                BrowserSession.verifier()) + "&login_hint=" + "h".repeat(3000));
        assertEquals(400, longHint.status());
        Api.Answer logout = api.get("/logout?state=" + longState);
        assertEquals(400, logout.status());
        assertNull(logout.header("location"));
    }

    // --- a copy of the database ---------------------------------------------------------------------------------

    @Test
    void theStoredSigningKeysAreEncrypted() throws Exception {
        api.login(user, "its-password");
        String stored = TestDatabase.string("SELECT private_key FROM signing_keys WHERE activated_at IS NOT NULL "
                + "AND retired_at IS NULL AND algorithm = ?", "RS256");

        assertTrue(stored.startsWith("enc1:"), "not the plain PKCS#8 key: " + stored.substring(0, 12));
        String kid = TestDatabase.string("SELECT kid FROM signing_keys WHERE private_key = ?", stored);
        String plain = TestDatabase.decrypted(kid, "RS256", stored);
        assertTrue(plain.startsWith("MII"), "this run's key opens it");
        // A 24-character piece every eighth of the plain key (each 64^-24 by chance); a bare "MII" turns up
        // in about 1 % of ciphertexts.
        for (int at = 0; at + 24 <= plain.length(); at += plain.length() / 8) {
            assertFalse(stored.contains(plain.substring(at, at + 24)), "no part of the plain key in sight at " + at);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** A code the browser's login gets at once (SSO), not redeemed. */
    String ssoCode(BrowserSession browser, String verifier) {
        Api.Answer answer = browser.get("/authorize?" + flow.authorize(app.id(), "openid me", "n", "s", verifier));
        assertEquals(302, answer.status(), answer::toString);
        return BrowserSession.query(answer.header("location")).get("code");
    }

    JsonObject introspect(TestClient asking, String token, String hint) {
        Api.Answer answer = api.postForm("/introspect", "token=" + token + (hint == null ? "" : "&token_type_hint=" + hint),
                "Authorization", CodeFlow.basic(asking.id(), asking.secret()));
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().asJsonObject();
    }

    Api.Answer refresh(JsonObject tokens) {
        return api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", CodeFlow.basic(app.id(), app.secret()));
    }

    Api.Answer me(String token) {
        return api.get("/users/me/", "Authorization", "Bearer " + token);
    }

    static String cookie(Api.Answer answer, String prefix) {
        return answer.headers().getOrDefault("set-cookie", List.of()).stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie: " + answer));
    }
}
