package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.JsonTexts;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.it.support.CodeFlow.TestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect as the OpenID Foundation's Basic OP and Config OP certification plans run it:
 * a confidential client registered the way the plan uses one (a secret, RS256, no PKCE), the
 * plan's own requests, each test named after its module. What the server answers each module is
 * the table in docs/single-sign-on.md. Every ID token is checked with the JDK against the
 * published key set, never with our own code.
 */
class OpenIdCertificationIT extends ServerTestBase {

    static final String ISSUER = "https://login.example.test";
    static final String CALLBACK = "https://rp.example.test/test/a/oauth2-jwt/callback";
    static final String LOGGED_OUT = "https://rp.example.test/test/a/oauth2-jwt/post_logout_redirect";
    static final int CODE_SECONDS = 3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("jwt.algorithm=RS256", "jwt.issuer=" + ISSUER, "authorization-code.seconds=" + CODE_SECONDS);
    }

    CodeFlow flow;
    /** The plan's client: confidential, client_secret_basic, registered without PKCE. */
    TestClient client;
    String user;

    @BeforeEach
    void registerThePlansClient() {
        flow = new CodeFlow(api, CALLBACK);
        client = flow.confidentialClient(false, LOGGED_OUT);
        user = flow.user();
    }

    // --- Basic OP -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("oidcc-server")
    void oidccServer() {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "nonce-1", "state-1"), user);
        Api.Answer tokens = flow.redeem(client, code, null);

        assertEquals(200, tokens.status(), tokens::toString);
        assertEquals("no-store", tokens.header("cache-control"));
        JsonObject answer = tokens.json().asJsonObject();
        assertEquals("bearer", answer.getString("token_type").toLowerCase(java.util.Locale.ROOT));
        JsonObject id = flow.verifiedClaims(answer.getString("id_token"), "RS256");
        assertEquals(ISSUER, id.getString("iss"));
        assertEquals(client.id(), id.getString("aud"));
        assertEquals(client.id(), id.getString("azp"));
        assertEquals("nonce-1", id.getString("nonce"));
        assertEquals(flow.subjectOf(user), id.getString("sub"));
        assertEquals(CodeFlow.atHash(answer.getString("access_token")), id.getString("at_hash"));
        long now = JsonTexts.nowSeconds();
        assertTrue(id.getJsonNumber("iat").longValue() <= now + 5 && id.getJsonNumber("exp").longValue() > now, id::toString);
        assertTrue(Math.abs(id.getJsonNumber("auth_time").longValue() - now) < 120, id::toString);

        JsonObject info = userinfo(answer.getString("access_token"));
        assertEquals(id.getString("sub"), info.getString("sub"), "Core 5.3.2: the same sub as the ID token");
    }

    @Test
    @DisplayName("oidcc-discovery (Config OP: oidcc-discovery-endpoint-verification)")
    void oidccDiscovery() {
        Api.Answer discovery = api.get("/.well-known/openid-configuration");
        assertEquals(200, discovery.status());
        JsonObject metadata = discovery.json().asJsonObject();

        assertEquals(ISSUER, metadata.getString("issuer"));
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri", "end_session_endpoint")) {
            assertTrue(metadata.getString(endpoint).startsWith(ISSUER + "/"), endpoint);
        }
        assertTrue(strings(metadata, "response_types_supported").contains("code"));
        assertEquals(List.of("public"), strings(metadata, "subject_types_supported"));
        assertTrue(strings(metadata, "id_token_signing_alg_values_supported").contains("RS256"));
        assertTrue(strings(metadata, "scopes_supported").containsAll(List.of("openid", "profile", "email")));
        assertTrue(strings(metadata, "claims_supported").containsAll(List.of("sub", "iss", "auth_time", "acr", "amr", "name",
                "preferred_username", "updated_at", "email", "email_verified")), metadata::toString);
        assertTrue(metadata.getBoolean("claims_parameter_supported"));
        assertEquals(List.of("1", "2"), strings(metadata, "acr_values_supported"), "a password; two factors");
        assertTrue(strings(metadata, "token_endpoint_auth_methods_supported").containsAll(List.of("client_secret_basic",
                "client_secret_post")));
        assertTrue(strings(metadata, "grant_types_supported").containsAll(List.of("authorization_code", "refresh_token")));
        assertFalse(metadata.getBoolean("request_uri_parameter_supported"));

        Set<String> kids = new HashSet<>();
        for (JsonObject key : api.get("/.well-known/jwks.json").json().asJsonObject().getJsonArray("keys").getValuesAs(JsonObject.class)) {
            assertTrue(kids.add(key.getString("kid")), "key ids are unique");
            assertEquals("sig", key.getString("use"));
            assertFalse(key.containsKey("d"), "nothing private");
            if ("RSA".equals(key.getString("kty"))) {
                assertTrue(new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n"))).bitLength() >= 2048);
            } else {   // an ES256 key retired by an earlier test's server on this database, published until its tokens expire
                assertEquals("P-256", key.getString("crv"), key::toString);
            }
        }
        assertTrue(kids.contains(CodeFlow.part(accessToken("openid"), 0).getString("kid")), "the signing key is published");
    }

    @Test
    @DisplayName("oidcc-ensure-post-request-succeeds")
    void oidccEnsurePostRequestSucceeds() {
        BrowserSession browser = new BrowserSession(api);
        String request = flow.withoutPkce(client.id(), "openid", "nonce-post", "state-post");

        Api.Answer page = browser.postForm("/authorize", request);
        assertEquals(200, page.status(), "the login page, as for the GET: " + page);
        assertTrue(page.body().contains("action=\"login\""), page.body());
        String code = flow.logIn(browser, request, user);
        assertEquals("nonce-post", flow.verifiedClaims(idToken(flow.redeem(client, code, null)), "RS256").getString("nonce"));

        Api.Answer again = browser.postForm("/authorize", flow.withoutPkce(client.id(), "openid", "nonce-again", "state-again"));
        assertEquals(302, again.status(), "with the browser's login, straight back with a code, as for the GET: " + again);
        Map<String, String> back = BrowserSession.query(again.header("location"));
        assertEquals("state-again", back.get("state"));
        assertEquals(200, flow.redeem(client, back.get("code"), null).status());
    }

    @Test
    @DisplayName("oidcc-ensure-request-without-nonce-succeeds-for-code-flow")
    void oidccEnsureRequestWithoutNonceSucceedsForCodeFlow() {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", null, "no-nonce"), user);

        JsonObject id = flow.verifiedClaims(idToken(flow.redeem(client, code, null)), "RS256");

        assertFalse(id.containsKey("nonce"), id::toString);
        assertEquals(flow.subjectOf(user), id.getString("sub"));
    }

    @Test
    @DisplayName("oidcc-ensure-request-with-valid-pkce-succeeds")
    void oidccEnsureRequestWithValidPkceSucceeds() {
        String verifier = BrowserSession.verifier();
        String code = flow.logIn(new BrowserSession(api), flow.authorize(client.id(), "openid", "n", "s", verifier), user);

        assertEquals(200, flow.redeem(client, code, verifier).status());
    }

    @Test
    @DisplayName("oidcc-userinfo-get")
    void oidccUserinfoGet() {
        String token = accessToken("openid");

        Api.Answer answer = api.get("/userinfo", "Authorization", "Bearer " + token);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(flow.subjectOf(user), answer.json().asJsonObject().getString("sub"));
    }

    @Test
    @DisplayName("oidcc-userinfo-post-header")
    void oidccUserinfoPostHeader() {
        String token = accessToken("openid");

        Api.Answer answer = api.post("/userinfo", new byte[0], "Authorization", "Bearer " + token);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(flow.subjectOf(user), answer.json().asJsonObject().getString("sub"));
    }

    @Test
    @DisplayName("oidcc-userinfo-post-body")
    void oidccUserinfoPostBody() {
        String token = accessToken("openid");

        Api.Answer answer = api.postForm("/userinfo", "access_token=" + token);

        assertEquals(200, answer.status(), "RFC 6750 2.2, the token as a form field: " + answer);
        assertEquals(flow.subjectOf(user), answer.json().asJsonObject().getString("sub"));
        Api.Answer twice = api.postForm("/userinfo", "access_token=" + token, "Authorization", "Bearer " + token);
        assertEquals(400, twice.status(), "one way only (RFC 6750 2): " + twice);
        assertEquals(401, api.postForm("/userinfo", "access_token=" + token.substring(0, token.length() - 4) + "AAAA").status());
    }

    @Test
    @DisplayName("oidcc-scope-profile")
    void oidccScopeProfile() {
        JsonObject tokens = redeemed("openid profile");

        JsonObject info = userinfo(tokens.getString("access_token"));
        assertEquals("SSO User", info.getString("name"));
        assertEquals(user, info.getString("preferred_username"));
        assertTrue(info.getJsonNumber("updated_at").longValue() > 1_700_000_000L, info::toString);
        assertFalse(info.containsKey("email"), "not asked for: " + info);
        JsonObject id = flow.verifiedClaims(tokens.getString("id_token"), "RS256");
        assertEquals("SSO User", id.getString("name"));
        assertEquals(user, id.getString("preferred_username"));
    }

    @Test
    @DisplayName("oidcc-scope-email")
    void oidccScopeEmail() {
        JsonObject info = userinfo(redeemed("openid email").getString("access_token"));

        assertEquals(user + "@example.com", info.getString("email"));
        assertFalse(info.getBoolean("email_verified"), "nobody said it was verified");
        assertFalse(info.containsKey("name"), info::toString);

        assertEquals(200, api.asAdmin("PATCH", "/users/" + user, "{\"email_verified\":true}").status());
        assertTrue(userinfo(redeemed("openid email").getString("access_token")).getBoolean("email_verified"));
    }

    @Test
    @DisplayName("oidcc-scope-openid alone: no claims about the user beyond sub")
    void scopeOpenidAloneReleasesNothingButSub() {
        JsonObject tokens = redeemed("openid");

        JsonObject id = flow.verifiedClaims(tokens.getString("id_token"), "RS256");
        for (String claim : List.of("name", "preferred_username", "updated_at", "email", "email_verified")) {
            assertFalse(id.containsKey(claim), claim + " in " + id);
        }
        assertEquals(Set.of("sub"), userinfo(tokens.getString("access_token")).keySet());
    }

    @Test
    @DisplayName("oidcc-claims-essential")
    void oidccClaimsEssential() {
        String claims = "{\"userinfo\":{\"name\":{\"essential\":true}},\"id_token\":{\"email\":null,\"given_name\":{\"essential\":true}}}";
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "n", "s")
                + "&claims=" + CodeFlow.enc(claims), user);
        JsonObject tokens = flow.redeem(client, code, null).json().asJsonObject();

        assertEquals("SSO User", userinfo(tokens.getString("access_token")).getString("name"), "asked for at userinfo by name");
        JsonObject id = flow.verifiedClaims(tokens.getString("id_token"), "RS256");
        assertEquals(user + "@example.com", id.getString("email"), "asked for in the ID token by name");
        assertFalse(id.containsKey("name"), "asked for at userinfo only: " + id);
        assertFalse(id.containsKey("given_name"), "a claim the server does not hold is left out, never an error");

        Api.Answer malformed = new BrowserSession(api).get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s")
                + "&claims=" + CodeFlow.enc("[\"name\"]"));
        assertEquals("invalid_request", BrowserSession.query(malformed.header("location")).get("error"), malformed::toString);
    }

    @Test
    @DisplayName("oidcc-ensure-request-with-acr-values-succeeds")
    void oidccEnsureRequestWithAcrValuesSucceeds() {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "n", "s") + "&acr_values=1%202",
                user);

        assertEquals("1", flow.verifiedClaims(idToken(flow.redeem(client, code, null)), "RS256").getString("acr"));

        Api.Answer unmet = new BrowserSession(api).get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s")
                + "&claims=" + CodeFlow.enc("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"3\"]}}}"));
        assertEquals("unmet_authentication_requirements", BrowserSession.query(unmet.header("location")).get("error"),
                "an essential acr that cannot be met (Core 5.5.1.1): " + unmet);
        Api.Answer secondFactor = new BrowserSession(api).get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s")
                + "&claims=" + CodeFlow.enc("{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"2\"]}}}"));
        assertEquals(200, secondFactor.status(), "an essential acr 2 is met by a second factor, asked for after the password: "
                + secondFactor);
    }

    @Test
    @DisplayName("oidcc-prompt-login")
    void oidccPromptLogin() throws InterruptedException {
        BrowserSession browser = new BrowserSession(api);
        JsonObject first = flow.verifiedClaims(idToken(flow.redeem(client,
                flow.logIn(browser, flow.withoutPkce(client.id(), "openid", "n", "s"), user), null)), "RS256");
        Thread.sleep(1_100);

        String again = flow.withoutPkce(client.id(), "openid", "n2", "s2") + "&prompt=login";
        assertEquals(200, browser.get("/authorize?" + again).status(), "the login page, although logged in");
        JsonObject second = flow.verifiedClaims(idToken(flow.redeem(client, flow.logIn(browser, again, user), null)), "RS256");
        assertTrue(second.getJsonNumber("auth_time").longValue() > first.getJsonNumber("auth_time").longValue());
    }

    @Test
    @DisplayName("oidcc-prompt-none-not-logged-in")
    void oidccPromptNoneNotLoggedIn() {
        Api.Answer answer = new BrowserSession(api).get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s")
                + "&prompt=none");

        assertEquals(302, answer.status());
        assertEquals("login_required", BrowserSession.query(answer.header("location")).get("error"));
        assertEquals("s", BrowserSession.query(answer.header("location")).get("state"));
    }

    @Test
    @DisplayName("oidcc-prompt-none-logged-in")
    void oidccPromptNoneLoggedIn() {
        BrowserSession browser = new BrowserSession(api);
        flow.logIn(browser, flow.withoutPkce(client.id(), "openid", "n", "s"), user);

        Api.Answer answer = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&prompt=none");

        assertEquals(200, flow.redeem(client, BrowserSession.query(answer.header("location")).get("code"), null).status());
    }

    @Test
    @DisplayName("oidcc-max-age-1")
    void oidccMaxAge1() throws InterruptedException {
        BrowserSession browser = new BrowserSession(api);
        flow.logIn(browser, flow.withoutPkce(client.id(), "openid", "n", "s"), user);
        Thread.sleep(2_100);

        Api.Answer answer = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&max_age=1");

        assertEquals(200, answer.status(), "older than max_age: the login page: " + answer);
    }

    @Test
    @DisplayName("oidcc-max-age-10000")
    void oidccMaxAge10000() {
        BrowserSession browser = new BrowserSession(api);
        JsonObject first = flow.verifiedClaims(idToken(flow.redeem(client,
                flow.logIn(browser, flow.withoutPkce(client.id(), "openid", "n", "s"), user), null)), "RS256");

        Api.Answer answer = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&max_age=10000");
        JsonObject second = flow.verifiedClaims(idToken(flow.redeem(client, BrowserSession.query(answer.header("location"))
                .get("code"), null)), "RS256");

        assertEquals(first.getJsonNumber("auth_time").longValue(), second.getJsonNumber("auth_time").longValue(),
                "the same login, reused");
    }

    @Test
    @DisplayName("oidcc-id-token-hint")
    void oidccIdTokenHint() {
        BrowserSession browser = new BrowserSession(api);
        String idToken = idToken(flow.redeem(client, flow.logIn(browser, flow.withoutPkce(client.id(), "openid", "n", "s"), user),
                null));

        Api.Answer answer = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&prompt=none"
                + "&id_token_hint=" + idToken);
        assertEquals(200, flow.redeem(client, BrowserSession.query(answer.header("location")).get("code"), null).status(),
                answer::toString);

        String someoneElse = flow.user();
        String othersHint = idToken(flow.redeem(client, flow.logIn(new BrowserSession(api),
                flow.withoutPkce(client.id(), "openid", "n", "s"), someoneElse), null));
        Api.Answer notThisOne = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&prompt=none"
                + "&id_token_hint=" + othersHint);
        assertEquals("login_required", BrowserSession.query(notThisOne.header("location")).get("error"),
                "the browser's login is not the hint's user (Core 3.1.2.1): " + notThisOne);
        Api.Answer forged = browser.get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s") + "&id_token_hint="
                + idToken.substring(0, idToken.length() - 4) + "AAAA");
        assertEquals("invalid_request", BrowserSession.query(forged.header("location")).get("error"), forged::toString);
    }

    @Test
    @DisplayName("oidcc-codereuse")
    void oidccCodereuse() {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "n", "s"), user);
        JsonObject first = flow.redeem(client, code, null).json().asJsonObject();

        Api.Answer again = flow.redeem(client, code, null);

        assertEquals(400, again.status());
        assertEquals("invalid_grant", again.json().asJsonObject().getString("error"));
        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + first.getString("access_token")).status(),
                "RFC 6749 4.1.2: what the code gave is revoked");
    }

    @Test
    @DisplayName("oidcc-codereuse-30seconds (a reuse after the code's lifetime)")
    void oidccCodereuseAfterTheCodesLifetime() throws InterruptedException {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "n", "s"), user);
        JsonObject first = flow.redeem(client, code, null).json().asJsonObject();
        Thread.sleep(CODE_SECONDS * 1000L + 500);

        assertEquals(400, flow.redeem(client, code, null).status());
        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + first.getString("access_token")).status());
    }

    @Test
    @DisplayName("oidcc-refresh-token")
    void oidccRefreshToken() throws InterruptedException {
        JsonObject tokens = redeemed("openid profile");
        JsonObject original = flow.verifiedClaims(tokens.getString("id_token"), "RS256");
        Thread.sleep(1_100);

        Api.Answer refreshed = api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", CodeFlow.basic(client.id(), client.secret()));

        assertEquals(200, refreshed.status(), refreshed::toString);
        JsonObject answer = refreshed.json().asJsonObject();
        assertNotEquals(tokens.getString("refresh_token"), answer.getString("refresh_token"), "rotated");
        JsonObject id = flow.verifiedClaims(answer.getString("id_token"), "RS256");
        assertEquals(original.getString("iss"), id.getString("iss"), "Core 12.2");
        assertEquals(original.getString("sub"), id.getString("sub"));
        assertEquals(original.getString("aud"), id.getString("aud"));
        assertEquals(original.getJsonNumber("auth_time"), id.getJsonNumber("auth_time"), "the original authentication's time");
        assertTrue(id.getJsonNumber("iat").longValue() > original.getJsonNumber("iat").longValue(), "issued now");
        assertFalse(id.containsKey("nonce"), "no nonce at a refresh");
        assertEquals(CodeFlow.atHash(answer.getString("access_token")), id.getString("at_hash"));
        assertEquals(200, api.get("/userinfo", "Authorization", "Bearer " + answer.getString("access_token")).status());

        Api.Answer reused = api.postForm("/token", "grant_type=refresh_token&refresh_token=" + tokens.getString("refresh_token"),
                "Authorization", CodeFlow.basic(client.id(), client.secret()));
        assertEquals(400, reused.status(), "spent");
    }

    @Test
    @DisplayName("oidcc-ensure-registered-redirect-uri")
    void oidccEnsureRegisteredRedirectUri() {
        String unregistered = flow.withoutPkce(client.id(), "openid", "n", "s").replace(CodeFlow.enc(CALLBACK),
                CodeFlow.enc("https://rp.example.test/test/a/oauth2-jwt/callback/not-registered"));

        Api.Answer answer = new BrowserSession(api).get("/authorize?" + unregistered);

        assertEquals(400, answer.status(), answer::toString);
        assertNull(answer.header("location"), "an error page, never a redirect to an unregistered address");
    }

    @Test
    @DisplayName("oidcc-server-client-secret-post")
    void oidccServerClientSecretPost() {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "openid", "n", "s"), user);

        Api.Answer tokens = api.postForm("/token", Api.form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "client_id", client.id(), "client_secret", client.secret())));

        assertEquals(200, tokens.status(), tokens::toString);
        assertNotNull(tokens.json().asJsonObject().getString("id_token"));
    }

    @Test
    @DisplayName("oidcc-response-type-missing")
    void oidccResponseTypeMissing() {
        Api.Answer answer = new BrowserSession(api).get("/authorize?" + flow.withoutPkce(client.id(), "openid", "n", "s")
                .replace("response_type=code&", ""));

        assertEquals(302, answer.status(), answer::toString);
        assertEquals("unsupported_response_type", BrowserSession.query(answer.header("location")).get("error"));
    }

    @Test
    @DisplayName("oidcc-ensure-request-with-unknown-parameter-succeeds, oidcc-ensure-other-scope-order-succeeds, "
            + "oidcc-display-page, oidcc-display-popup, oidcc-login-hint, oidcc-ui-locales, oidcc-claims-locales")
    void requestsWithWhatTheServerNeedNotActOnSucceed() {
        for (String extra : List.of("&extra=foobar", "&display=page", "&display=popup", "&login_hint=" + user, "&ui_locales=se",
                "&claims_locales=se")) {
            String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), "email openid", "n", "s") + extra, user);
            assertEquals(200, flow.redeem(client, code, null).status(), extra);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** The tokens of a fresh login of the plan's user (no PKCE, as the plan). */
    JsonObject redeemed(String scope) {
        String code = flow.logIn(new BrowserSession(api), flow.withoutPkce(client.id(), scope, "n", "s"), user);
        Api.Answer tokens = flow.redeem(client, code, null);
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject();
    }

    String accessToken(String scope) {
        return redeemed(scope).getString("access_token");
    }

    JsonObject userinfo(String accessToken) {
        Api.Answer answer = api.get("/userinfo", "Authorization", "Bearer " + accessToken);
        assertEquals(200, answer.status(), answer::toString);
        return answer.json().asJsonObject();
    }

    static String idToken(Api.Answer tokens) {
        assertEquals(200, tokens.status(), tokens::toString);
        return tokens.json().asJsonObject().getString("id_token");
    }

    static List<String> strings(JsonObject metadata, String name) {
        return metadata.getJsonArray(name).getValuesAs(JsonValue.class).stream()
                .map(value -> ((jakarta.json.JsonString) value).getString()).toList();
    }
}
