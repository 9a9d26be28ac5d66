package dev.oauth2jwt.it;

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
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow with PKCE and OpenID Connect (RS256), over plain HTTP as a browser
 * and a client would speak it: the login page and its CSRF token, the SSO session, codes and their
 * refusals, ID tokens (checked with the JDK against the published key set), userinfo, logout.
 */
class AuthorizationCodeIT extends ServerTestBase {

    static final String ISSUER = "https://login.example.test";
    static final String APP = "https://app.example.test/callback";
    static final String APP_LOGGED_OUT = "https://app.example.test/bye";
    static final int CODE_SECONDS = 5;
    static final String APP_ORIGIN = "https://app.example.test";
    static final String CONFIGURED_ORIGIN = "https://reports.example.test";
    /** The issuer is https: the browser login's cookie has a __Host- name (no neighbour can plant one). */
    static final String SSO = "__Host-oauth2jwt_sso";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("jwt.algorithm=RS256", "jwt.issuer=" + ISSUER, "authorization-code.seconds=" + CODE_SECONDS,
                "cors.origins=" + CONFIGURED_ORIGIN);
    }

    // --- registering browser apps -------------------------------------------------------------------

    @Test
    void aPublicClientGetsNoSecretAndItsRegistrationIsChecked() {
        String id = TokenServiceIT.clientId("spa");
        Api.Answer created = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"client_type\":\"public\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + APP + "\",\"http://127.0.0.1:5173/cb\"]}");

        assertEquals(201, created.status(), created::toString);
        JsonObject body = created.json().asJsonObject();
        assertFalse(body.containsKey("client_secret"), body::toString);
        assertEquals("public", body.getString("client_type"));
        assertEquals(List.of("authorization_code"), TokenServiceIT.strings(body.getJsonArray("grant_types")));
        assertEquals(List.of(APP, "http://127.0.0.1:5173/cb"), TokenServiceIT.strings(body.getJsonArray("redirect_uris")));
        assertTrue(body.getBoolean("require_pkce"));
        assertEquals(409, admin("POST", "/clients/" + id + "/secret", null).status(), "a public client has no secret to rotate");

        for (String bad : List.of(
                "{\"client_id\":\"x1\",\"redirect_uris\":[\"http://app.example.test/cb\"]}",      // http beyond this machine
                "{\"client_id\":\"x2\",\"redirect_uris\":[\"https://app.example.test/cb#frag\"]}", // a fragment
                "{\"client_id\":\"x3\",\"redirect_uris\":[\"/relative\"]}",
                "{\"client_id\":\"x4\",\"grant_types\":[\"authorization_code\"]}",                 // nowhere to send codes
                "{\"client_id\":\"x5\",\"client_type\":\"public\",\"grant_types\":[\"client_credentials\"]}",
                "{\"client_id\":\"x6\",\"client_type\":\"public\",\"require_pkce\":false,\"redirect_uris\":[\"" + APP + "\"]}",
                "{\"client_id\":\"x7\",\"client_type\":\"secret-keeper\"}",
                "{\"client_id\":\"swagger-ui\",\"redirect_uris\":[\"" + APP + "\"]}")) {
            Api.Answer answer = admin("POST", "/clients", bad);
            assertTrue(answer.status() == 422 || answer.status() == 409 && bad.contains("swagger-ui"), bad + " -> " + answer);
            assertTrue(answer.header("content-type").startsWith("application/json"), answer::toString);
        }
        assertEquals(422, admin("PATCH", "/clients/" + id, "{\"grant_types\":[\"client_credentials\"]}").status());
    }

    @Test
    void discoveryAdvertisesTheCodeFlowAndOpenIdConnect() {
        JsonObject metadata = api.get("/.well-known/openid-configuration").json().asJsonObject();

        assertEquals(ISSUER + "/authorize", metadata.getString("authorization_endpoint"));
        assertEquals(ISSUER + "/userinfo", metadata.getString("userinfo_endpoint"));
        assertEquals(ISSUER + "/logout", metadata.getString("end_session_endpoint"));
        assertEquals(List.of("code"), TokenServiceIT.strings(metadata.getJsonArray("response_types_supported")));
        assertEquals(List.of("S256"), TokenServiceIT.strings(metadata.getJsonArray("code_challenge_methods_supported")));
        assertEquals(List.of("RS256"), TokenServiceIT.strings(metadata.getJsonArray("id_token_signing_alg_values_supported")));
        assertEquals(List.of("public"), TokenServiceIT.strings(metadata.getJsonArray("subject_types_supported")));
        assertTrue(TokenServiceIT.strings(metadata.getJsonArray("scopes_supported")).containsAll(List.of("openid", "profile", "email")));
        assertTrue(TokenServiceIT.strings(metadata.getJsonArray("grant_types_supported")).contains("authorization_code"));
        assertEquals(List.of("query"), TokenServiceIT.strings(metadata.getJsonArray("response_modes_supported")));
        assertFalse(metadata.getBoolean("request_parameter_supported"));
        assertFalse(metadata.getBoolean("request_uri_parameter_supported"), "Discovery's default is true: it must say false");
    }

    // --- the flow ---------------------------------------------------------------------------------------

    @Test
    void aPublicClientLogsInWithPkceAndGetsAnIdTokenUserinfoAndTheApi() {
        TestClient spa = publicClient();
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        String verifier = BrowserSession.verifier();

        Api.Answer page = browser.get("/authorize?" + authorize(spa.id(), APP, "openid profile email me", "n-0S6_WzA2Mj", "af0ifjsldkj",
                verifier));
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.header("content-type").startsWith("text/html"), page::toString);
        assertTrue(page.body().contains("<label for=\"username\">Username</label>"), page.body());
        assertTrue(page.body().contains("<label for=\"password\">Password</label>"), page.body());
        assertEquals("DENY", page.header("x-frame-options"));
        assertTrue(page.header("set-cookie").contains("HttpOnly") && page.header("set-cookie").contains("SameSite=Strict"), page::toString);

        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        String sso = loggedIn.headers().get("set-cookie").stream().filter(c -> c.startsWith(SSO + "=")).findFirst().orElseThrow();
        assertTrue(sso.contains("HttpOnly") && sso.contains("SameSite=Lax") && sso.contains("Max-Age=36000"), sso);
        Map<String, String> back = BrowserSession.query(loggedIn.header("location"));
        assertTrue(loggedIn.header("location").startsWith(APP + "?"), loggedIn::toString);
        assertEquals("af0ifjsldkj", back.get("state"));
        assertEquals(ISSUER, back.get("iss"), "RFC 9207: the issuer names itself");

        Api.Answer tokens = redeem(spa.id(), null, back.get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("no-store", tokens.header("cache-control"));
        JsonObject answer = tokens.json().asJsonObject();
        String accessToken = answer.getString("access_token");
        assertEquals(Set.of("openid", "profile", "email", "me"), Set.of(answer.getString("scope").split(" ")));
        assertNotNull(answer.getString("refresh_token"));

        String idToken = answer.getString("id_token");
        JsonObject header = part(idToken, 0);
        assertTrue(Jws.verifies(idToken, "RS256", publishedKey(header.getString("kid"))), "signed with a published key");
        JsonObject claims = part(idToken, 1);
        assertEquals(ISSUER, claims.getString("iss"));
        assertEquals(subjectOf(user), claims.getString("sub"), "the account's identifier, never reassigned");
        assertEquals(user, claims.getString("preferred_username"));
        assertEquals(spa.id(), claims.getString("aud"));
        assertEquals(spa.id(), claims.getString("azp"));
        assertEquals("n-0S6_WzA2Mj", claims.getString("nonce"));
        assertEquals(atHash(accessToken), claims.getString("at_hash"));
        assertTrue(Math.abs(claims.getJsonNumber("auth_time").longValue() - TokenServiceIT.now()) < 120, claims::toString);
        assertTrue(claims.getJsonNumber("exp").longValue() > TokenServiceIT.now(), claims::toString);
        assertEquals("SSO User", claims.getString("name"));
        assertEquals(user + "@example.com", claims.getString("email"));

        Api.Answer userinfo = api.get("/userinfo", "Authorization", "Bearer " + accessToken);
        assertEquals(200, userinfo.status(), userinfo::toString);
        JsonObject info = userinfo.json().asJsonObject();
        assertEquals(subjectOf(user), info.getString("sub"));
        assertEquals(user, info.getString("preferred_username"));
        assertEquals("SSO User", info.getString("name"));
        assertEquals(user + "@example.com", info.getString("email"));

        Api.Answer me = api.get("/users/me/", "Authorization", "Bearer " + accessToken);
        assertEquals(200, me.status(), me::toString);
        assertEquals(spa.id(), part(accessToken, 1).getString("client_id"));
        assertEquals(List.of("me"), TokenServiceIT.strings(part(accessToken, 1).getJsonArray("groups")), "groups: the API's scopes only");

        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + idToken).status(), "an ID token is no access token");
        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + idToken).status());
    }

    @Test
    void userinfoNeedsTheOpenidScope() {
        String token = api.login("johndoe", "secret", "me").getString("access_token");

        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + token).status());
    }

    @Test
    void aSecondAuthorizationUsesTheBrowserLoginUnlessALoginIsAskedFor() {
        TestClient spa = publicClient();
        TestClient other = publicClient();
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        assertEquals(303, browser.logIn(authorize(spa.id(), APP, "openid", "n1", "s1", BrowserSession.verifier()), user, "its-password")
                .status());

        String verifier = BrowserSession.verifier();
        Api.Answer sso = browser.get("/authorize?" + authorize(other.id(), APP, "openid", "n2", "s2", verifier));
        assertEquals(302, sso.status(), "no login page: the browser is logged in");
        Map<String, String> back = BrowserSession.query(sso.header("location"));
        assertEquals("s2", back.get("state"));
        Api.Answer tokens = redeem(other.id(), null, back.get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals(subjectOf(user), part(tokens.json().asJsonObject().getString("id_token"), 1).getString("sub"));

        Api.Answer forced = browser.get("/authorize?" + authorize(other.id(), APP, "openid", "n3", "s3", verifier) + "&prompt=login");
        assertEquals(200, forced.status(), "prompt=login: the login page although logged in");

        Api.Answer silent = new BrowserSession(api).get("/authorize?" + authorize(other.id(), APP, "openid", "n4", "s4", verifier)
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
        Api.Answer withTheOldCookie = capturedBefore.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s",
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
        String query = authorize(app.id(), APP, "openid", "n", "s", BrowserSession.verifier());

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
        String query = authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

        Api.Answer hinted = new BrowserSession(api).get("/authorize?" + query + "&login_hint=alice");
        assertTrue(hinted.body().contains("name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" "
                + "required autofocus value=\"alice\""), hinted.body());
        Api.Answer notAUsername = new BrowserSession(api).get("/authorize?" + query + "&login_hint=" + enc("\"><script>x</script>"));
        assertEquals(200, notAUsername.status());
        assertFalse(notAUsername.body().contains("<script>"), notAUsername.body());
        assertTrue(notAUsername.body().contains("required autofocus value=\"\""), "not offered: " + notAUsername.body());
    }

    /** The login page (on a browser already logged in, the extra parameters ask for it), filled in: the tokens of its code. */
    private JsonObject logInAgain(BrowserSession browser, TestClient app, String extra, String user) {
        String verifier = BrowserSession.verifier();
        Api.Answer page = browser.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s", verifier) + extra);
        assertEquals(200, page.status(), "the login page: " + page);
        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", user, "password", "its-password"))));
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        Api.Answer tokens = redeem(app.id(), app.secret(), BrowserSession.query(loggedIn.header("location")).get("code"), APP, verifier);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject();
    }

    private Api.Answer refresh(TestClient app, JsonObject tokens) {
        return api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", TokenServiceIT.basic(app.id(), app.secret()));
    }

    // --- single-page apps: CORS ------------------------------------------------------------------------

    @Test
    void aSinglePageAppsScriptsMayFetchTokensUserinfoAndTheApiFromTheOriginOfItsRedirectUri() {
        TestClient spa = publicClient();
        Api.Answer preflight = api.method("OPTIONS", "/token", "Origin", APP_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(APP_ORIGIN, preflight.header("access-control-allow-origin"));
        assertTrue(preflight.header("access-control-allow-methods").contains("POST"), preflight::toString);
        assertTrue(preflight.header("access-control-allow-headers").toLowerCase().contains("content-type"), preflight::toString);
        assertTrue(preflight.header("access-control-allow-headers").toLowerCase().contains("authorization"), preflight::toString);
        assertNull(preflight.header("access-control-allow-credentials"), "bearer tokens, never cookies");

        String verifier = BrowserSession.verifier();
        Api.Answer tokens = api.postForm("/token", "grant_type=authorization_code&client_id=" + spa.id() + "&code="
                + code(spa, user(), verifier) + "&redirect_uri=" + enc(APP) + "&code_verifier=" + verifier, "Origin", APP_ORIGIN);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals(APP_ORIGIN, tokens.header("access-control-allow-origin"));
        assertTrue(tokens.headers().getOrDefault("vary", List.of()).stream().anyMatch(v -> v.contains("Origin")), tokens::toString);
        String accessToken = tokens.json().asJsonObject().getString("access_token");

        for (String path : List.of("/userinfo", "/users/me/")) {
            Api.Answer answer = api.get(path, "Authorization", "Bearer " + accessToken, "Origin", APP_ORIGIN);
            assertEquals(200, answer.status(), path + " " + answer);
            assertEquals(APP_ORIGIN, answer.header("access-control-allow-origin"), path);
        }
        Api.Answer refused = api.get("/users/me/", "Origin", APP_ORIGIN);
        assertEquals(401, refused.status());
        assertEquals(APP_ORIGIN, refused.header("access-control-allow-origin"), "the script may read why");
        assertTrue(refused.header("access-control-expose-headers").contains("WWW-Authenticate"), refused::toString);

        Api.Answer configured = api.method("OPTIONS", "/users/me/", "Origin", CONFIGURED_ORIGIN, "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        assertEquals(204, configured.status(), "CORS_ORIGINS: " + configured);
        assertEquals(CONFIGURED_ORIGIN, configured.header("access-control-allow-origin"));
    }

    @Test
    void anyOtherOriginsScriptsMayReadOnlyThePublicDocuments() throws InterruptedException {
        String stranger = "https://evil.example.test";
        Api.Answer preflight = api.method("OPTIONS", "/token", "Origin", stranger, "Access-Control-Request-Method", "POST");
        assertEquals(403, preflight.status(), preflight::toString);
        assertEquals("{\"detail\":\"Disallowed CORS origin\"}", preflight.body());
        assertNull(preflight.header("access-control-allow-origin"));
        Api.Answer login = api.postForm("/token", "username=johndoe&password=secret", "Origin", stranger);
        assertEquals(200, login.status(), "the request itself is not refused (a browser would not let the script read it)");
        assertNull(login.header("access-control-allow-origin"), login::toString);

        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/jwks.json",
                "/.well-known/oauth-authorization-server")) {
            Api.Answer open = api.get(path, "Origin", stranger);
            assertEquals(200, open.status(), path);
            assertEquals("*", open.header("access-control-allow-origin"), path);
        }

        TestClient spa = publicClient();
        Api.Answer page = api.get("/authorize?" + authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier()),
                "Origin", APP_ORIGIN);
        assertEquals(200, page.status());
        assertNull(page.header("access-control-allow-origin"), "the login page is never readable by a script: " + page);

        Api.Answer notAPreflight = api.method("OPTIONS", "/token", "Origin", APP_ORIGIN);
        assertEquals(405, notAPreflight.status(), "an OPTIONS that is not a preflight stays FastAPI's: " + notAPreflight);

        String ownOrigin = "https://" + spa.id() + ".example.test";
        String id = TokenServiceIT.clientId("spa");
        assertEquals(201, admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"client_type\":\"public\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + ownOrigin + "/cb\"]}").status());
        assertEquals(204, api.method("OPTIONS", "/token", "Origin", ownOrigin, "Access-Control-Request-Method", "POST").status());
        assertEquals(204, admin("DELETE", "/clients/" + id, null).status());
        assertEquals(403, Eventually.statusAfterChange(204, () -> api.method("OPTIONS", "/token", "Origin", ownOrigin,
                "Access-Control-Request-Method", "POST").status()), "once no client has that origin, no more");
    }

    // --- refused, each with a test ---------------------------------------------------------------------

    @Test
    void anUnregisteredRedirectUriOrAnUnknownClientGetsAnErrorPageNeverARedirect() {
        TestClient spa = publicClient();
        String verifier = BrowserSession.verifier();

        for (String query : List.of(
                authorize(spa.id(), "https://evil.example.test/callback", "openid", "n", "s", verifier),
                authorize(spa.id(), APP + "/more", "openid", "n", "s", verifier),     // no prefix matching
                authorize(spa.id(), APP.toUpperCase(), "openid", "n", "s", verifier),
                authorize("no-such-client", APP, "openid", "n", "s", verifier),
                authorize(spa.id(), APP, "openid", "n", "s", verifier).replace("redirect_uri=", "x="),
                authorize(spa.id(), APP, "openid", "n", "s", verifier) + "&client_id=" + spa.id())) {
            Api.Answer answer = new BrowserSession(api).get("/authorize?" + query);
            assertEquals(400, answer.status(), query + " -> " + answer);
            assertNull(answer.header("location"), query);
            assertTrue(answer.header("content-type").startsWith("text/html"), answer::toString);
        }
    }

    @Test
    void pkceIsRequiredAndOnlyS256() {
        TestClient spa = publicClient();
        String challenge = BrowserSession.challenge(BrowserSession.verifier());
        String base = "response_type=code&client_id=" + spa.id() + "&redirect_uri=" + enc(APP) + "&scope=openid&state=s&nonce=n";

        for (String pkce : List.of("", "&code_challenge=" + challenge, "&code_challenge=" + challenge + "&code_challenge_method=plain",
                "&code_challenge=short&code_challenge_method=S256", "&code_challenge_method=S256")) {
            Api.Answer answer = new BrowserSession(api).get("/authorize?" + base + pkce);
            assertEquals(302, answer.status(), pkce + " -> " + answer);
            Map<String, String> back = BrowserSession.query(answer.header("location"));
            assertEquals("invalid_request", back.get("error"), pkce);
            assertEquals("s", back.get("state"));
            assertFalse(back.containsKey("code"));
        }
    }

    @Test
    void requestObjectsRegistrationAndOtherResponseModesAreRefusedByNameNeverIgnored() {
        TestClient spa = publicClient();
        String query = authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("&request=eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im9wZW5pZCJ9.", "request_not_supported");
        expected.put("&request_uri=" + enc("https://app.example.test/request.jwt"), "request_uri_not_supported");
        expected.put("&registration=" + enc("{\"logo_uri\":\"https://app.example.test/logo.png\"}"), "registration_not_supported");
        expected.put("&response_mode=fragment", "invalid_request");
        expected.put("&response_mode=form_post", "invalid_request");
        expected.forEach((extra, error) -> {
            Api.Answer answer = new BrowserSession(api).get("/authorize?" + query + extra);
            assertEquals(302, answer.status(), extra + " -> " + answer);
            Map<String, String> back = BrowserSession.query(answer.header("location"));
            assertEquals(error, back.get("error"), extra);
            assertEquals("s", back.get("state"));
            assertTrue(answer.header("location").startsWith(APP + "?"), "in the query, as registered: " + answer.header("location"));
        });
        assertEquals(200, new BrowserSession(api).get("/authorize?" + query + "&response_mode=query").status(), "the login page");
    }

    @Test
    void aMissingOrWrongVerifierIsRefused() {
        TestClient spa = publicClient();
        String user = user();
        for (String presented : new String[] {null, BrowserSession.verifier(), "short"}) {
            String verifier = BrowserSession.verifier();
            String code = code(spa, user, verifier);

            Api.Answer refused = redeem(spa.id(), null, code, APP, presented);
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("invalid_grant", refused.json().asJsonObject().getString("error"));
            assertEquals(400, redeem(spa.id(), null, code, APP, verifier).status(), "a code is tried once: the right verifier is too late");
        }
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesWhatItProduced() throws InterruptedException {
        TestClient spa = publicClient();
        String verifier = BrowserSession.verifier();
        String code = code(spa, user(), verifier);
        JsonObject first = redeem(spa.id(), null, code, APP, verifier).json().asJsonObject();
        assertEquals(200, me(first.getString("access_token")).status());

        Api.Answer replay = redeem(spa.id(), null, code, APP, verifier);

        assertEquals(400, replay.status());
        assertEquals("invalid_grant", replay.json().asJsonObject().getString("error"));
        assertEquals(401, Eventually.statusAfterChange(200, () -> me(first.getString("access_token")).status()),
                "the first access token is revoked");
        Api.Answer refresh = api.postForm("/token", "grant_type=refresh_token&client_id=" + spa.id() + "&refresh_token="
                + first.getString("refresh_token"));
        assertEquals(400, refresh.status(), "its refresh token too");
    }

    @Test
    void aCodeOfAnotherClientOrForAnotherRedirectUriIsRefused() {
        TestClient spa = publicClient();
        TestClient other = publicClient();
        String user = user();
        String verifier = BrowserSession.verifier();

        assertEquals(400, redeem(other.id(), null, code(spa, user, verifier), APP, verifier).status());
        Api.Answer elsewhere = redeem(spa.id(), null, code(spa, user, verifier), "https://app.example.test/other", verifier);
        assertEquals(400, elsewhere.status());
        assertEquals("invalid_grant", elsewhere.json().asJsonObject().getString("error"));
        assertEquals(401, redeem("no-such-client", null, code(spa, user, verifier), APP, verifier).status(), "invalid_client");
    }

    @Test
    void anExpiredCodeIsRefused() throws InterruptedException {
        TestClient spa = publicClient();
        String verifier = BrowserSession.verifier();
        String code = code(spa, user(), verifier);

        Thread.sleep((CODE_SECONDS + 1) * 1000L);

        Api.Answer late = redeem(spa.id(), null, code, APP, verifier);
        assertEquals(400, late.status(), late::toString);
        assertEquals("invalid_grant", late.json().asJsonObject().getString("error"));
    }

    @Test
    void aLoginPostWithoutItsCsrfTokenIsRefused() {
        TestClient spa = publicClient();
        String user = user();
        String query = authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

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
        String query = authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

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

        Api.Answer page = new BrowserSession(api).logIn(authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier()), user,
                "its-password");

        assertEquals(403, page.status(), page::toString);
        assertTrue(page.body().contains("This account is disabled."), page.body());
        assertNull(page.header("location"));
        assertTrue(page.headers().getOrDefault("set-cookie", List.of()).stream().noneMatch(c -> c.startsWith(SSO + "=")));
    }

    @Test
    void failedLoginsOnThePageCountLikeThoseOfThePasswordGrant() {
        TestClient spa = publicClient();
        String query = authorize(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());

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
                "Authorization", TokenServiceIT.basic(app.id(), app.secret()));
        assertEquals(400, refresh.status(), refresh::toString);
        assertEquals(200, me(passwordGrantToken).status(), "another login of the same user lives on");

        BrowserSession sameBrowserStillHoldingTheOldCookie = new BrowserSession(api);
        sameBrowserStillHoldingTheOldCookie.cookies.put(SSO, oldCookie);
        assertEquals(200, sameBrowserStillHoldingTheOldCookie.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s",
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
        other.logIn(authorize(app.id(), APP, "openid", "n", "s", BrowserSession.verifier()), user(), "its-password");
        Map<String, String> othersForm = BrowserSession.form(other.get("/logout").body(), Map.of());
        assertLogoutRefused(browser.postForm("/logout/confirm", Api.form(othersForm)));
        assertStillLoggedIn(browser, app, tokens);

        Api.Answer confirmed = browser.postForm("/logout/confirm", Api.form(form));
        assertEquals(303, confirmed.status(), confirmed::toString);
        assertEquals(APP_LOGGED_OUT + "?state=bye-2", confirmed.header("location"));
        assertFalse(browser.cookies.containsKey(SSO), "the cookie is cleared");
        assertEquals(401, Eventually.statusAfterChange(200, () -> me(tokens.getString("access_token")).status()));
        String verifier = BrowserSession.verifier();
        assertEquals(200, browser.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s", verifier)).status(),
                "the login page again");
        Api.Answer othersSilent = other.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s", verifier) + "&prompt=none");
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
    private JsonObject logInAndRedeem(BrowserSession browser, TestClient app, String user) {
        return logInAgain(browser, app, "", user);
    }

    /** The browser login still stands (a code without the login page) and its tokens still work. */
    private void assertStillLoggedIn(BrowserSession browser, TestClient app, JsonObject tokens) {
        Api.Answer silent = browser.get("/authorize?" + authorize(app.id(), APP, "openid", "n", "s", BrowserSession.verifier())
                + "&prompt=none");
        assertEquals(302, silent.status(), silent::toString);
        assertNotNull(BrowserSession.query(silent.header("location")).get("code"), "still logged in: " + silent.header("location"));
        assertEquals(200, me(tokens.getString("access_token")).status());
    }

    private static void assertLogoutRefused(Api.Answer answer) {
        assertEquals(403, answer.status(), answer::toString);
        assertNull(answer.header("location"));
        assertTrue(answer.headers().getOrDefault("set-cookie", List.of()).isEmpty(), answer::toString);
    }

    @Test
    void aConfidentialClientWithoutPkceMustAuthenticateAndMayNotDowngrade() {
        TestClient app = confidentialClient(false);
        String user = user();
        String noPkce = "response_type=code&client_id=" + app.id() + "&redirect_uri=" + enc(APP) + "&scope=openid&state=s";

        Api.Answer loggedIn = new BrowserSession(api).logIn(noPkce + "&nonce=the-nonce", user, "its-password");
        String code = BrowserSession.query(loggedIn.header("location")).get("code");
        Api.Answer anonymous = api.postForm("/token", "grant_type=authorization_code&client_id=" + app.id() + "&code=" + code
                + "&redirect_uri=" + enc(APP));
        assertEquals(401, anonymous.status(), "a confidential client authenticates: " + anonymous);
        assertEquals("invalid_client", anonymous.json().asJsonObject().getString("error"));

        loggedIn = new BrowserSession(api).logIn(noPkce + "&nonce=the-nonce", user, "its-password");
        code = BrowserSession.query(loggedIn.header("location")).get("code");
        Api.Answer downgrade = redeem(app.id(), app.secret(), code, APP, BrowserSession.verifier());
        assertEquals(400, downgrade.status(), "a verifier without a challenge: refused (RFC 9700 2.1.1)");

        loggedIn = new BrowserSession(api).logIn(noPkce + "&nonce=the-nonce", user, "its-password");
        code = BrowserSession.query(loggedIn.header("location")).get("code");
        Api.Answer tokens = redeem(app.id(), app.secret(), code, APP, null);
        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("the-nonce", part(tokens.json().asJsonObject().getString("id_token"), 1).getString("nonce"));
    }

    @Test
    void aCodeSessionIsRefreshedByItsOwnClientOnly() {
        TestClient spa = publicClient();
        TestClient other = publicClient();
        String verifier = BrowserSession.verifier();
        JsonObject tokens = redeem(spa.id(), null, code(spa, user(), verifier), APP, verifier).json().asJsonObject();

        Api.Answer byOther = api.postForm("/token", "grant_type=refresh_token&client_id=" + other.id() + "&refresh_token="
                + tokens.getString("refresh_token"));
        Api.Answer byNone = api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"));
        Api.Answer byItself = api.postForm("/token", "grant_type=refresh_token&client_id=" + spa.id() + "&refresh_token="
                + tokens.getString("refresh_token"));

        assertEquals(400, byOther.status());
        assertEquals(400, byNone.status());
        assertEquals(200, byItself.status(), "refused attempts do not spend it: " + byItself);
        assertTrue(Set.of(byItself.json().asJsonObject().getString("scope").split(" ")).contains("openid"), byItself::toString);
    }

    // --- helpers: CodeFlow's, for this class's redirect URI --------------------------------------------------

    /** A registered client; {@code secret} null for a public one. */
    record TestClient(String id, String secret) {
    }

    CodeFlow flow() {
        return new CodeFlow(api, APP);
    }

    TestClient publicClient() {
        return new TestClient(flow().publicClient().id(), null);
    }

    TestClient confidentialClient(boolean requirePkce) {
        CodeFlow.TestClient client = flow().confidentialClient(requirePkce, APP_LOGGED_OUT);
        return new TestClient(client.id(), client.secret());
    }

    /** A user of this test alone: no other test's failed logins slow it down. */
    String user() {
        return flow().user();
    }

    String subjectOf(String user) {
        return flow().subjectOf(user);
    }

    static String authorize(String clientId, String redirectUri, String scope, String nonce, String state, String verifier) {
        return new CodeFlow(null, redirectUri).authorize(clientId, scope, nonce, state, verifier);
    }

    /** A fresh login of the user in a new browser: the code it brought back. */
    String code(TestClient client, String user, String verifier) {
        return flow().logIn(new BrowserSession(api), authorize(client.id(), APP, "openid me", "n", "s", verifier), user);
    }

    Api.Answer redeem(String clientId, String secret, String code, String redirectUri, String verifier) {
        return new CodeFlow(api, redirectUri).redeem(new CodeFlow.TestClient(clientId, secret), code, verifier);
    }

    Api.Answer me(String token) {
        return api.get("/users/me/", "Authorization", "Bearer " + token);
    }

    Api.Answer admin(String method, String path, String json) {
        return api.asAdmin(method, path, json);
    }

    java.security.PublicKey publishedKey(String kid) {
        return flow().publishedKey(kid);
    }

    static String atHash(String accessToken) {
        return CodeFlow.atHash(accessToken);
    }

    static JsonObject part(String token, int index) {
        return CodeFlow.part(token, index);
    }

    static String enc(String value) {
        return CodeFlow.enc(value);
    }
}
