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
 * The authorization code flow with PKCE and OpenID Connect (RS256), as an app speaks it: registering
 * browser apps, discovery, a login with PKCE, the ID token (checked with the JDK against the published
 * key set), userinfo, the API, confidential clients, and refreshing and revoking a code's session.
 */
class CodeFlowIT extends CodeFlowTestBase {

    @Test
    void aPublicClientGetsNoSecretAndItsRegistrationIsChecked() {
        String id = CodeFlow.clientId("spa");
        Api.Answer created = admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"client_type\":\"public\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + APP + "\",\"http://127.0.0.1:5173/cb\"]}");

        assertEquals(201, created.status(), created::toString);
        JsonObject body = created.json().asJsonObject();
        assertFalse(body.containsKey("client_secret"), body::toString);
        assertEquals("public", body.getString("client_type"));
        assertEquals(List.of("authorization_code"), JsonTexts.strings(body.getJsonArray("grant_types")));
        assertEquals(List.of(APP, "http://127.0.0.1:5173/cb"), JsonTexts.strings(body.getJsonArray("redirect_uris")));
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
        assertEquals(List.of("code"), JsonTexts.strings(metadata.getJsonArray("response_types_supported")));
        assertEquals(List.of("S256"), JsonTexts.strings(metadata.getJsonArray("code_challenge_methods_supported")));
        assertEquals(List.of("RS256"), JsonTexts.strings(metadata.getJsonArray("id_token_signing_alg_values_supported")));
        assertEquals(List.of("public"), JsonTexts.strings(metadata.getJsonArray("subject_types_supported")));
        assertTrue(JsonTexts.strings(metadata.getJsonArray("scopes_supported")).containsAll(List.of("openid", "profile", "email")));
        assertTrue(JsonTexts.strings(metadata.getJsonArray("grant_types_supported")).contains("authorization_code"));
        assertEquals(List.of("query"), JsonTexts.strings(metadata.getJsonArray("response_modes_supported")));
        assertFalse(metadata.getBoolean("request_parameter_supported"));
        assertFalse(metadata.getBoolean("request_uri_parameter_supported"), "Discovery's default is true: it must say false");
    }


    @Test
    void aPublicClientLogsInWithPkceAndGetsAnIdTokenUserinfoAndTheApi() {
        TestClient spa = publicClient();
        String user = user();
        BrowserSession browser = new BrowserSession(api);
        String verifier = BrowserSession.verifier();

        Api.Answer page = browser.get("/authorize?" + CodeFlow.authorizeQuery(spa.id(), APP, "openid profile email me", "n-0S6_WzA2Mj", "af0ifjsldkj",
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
        assertTrue(Math.abs(claims.getJsonNumber("auth_time").longValue() - JsonTexts.nowSeconds()) < 120, claims::toString);
        assertTrue(claims.getJsonNumber("exp").longValue() > JsonTexts.nowSeconds(), claims::toString);
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
        assertEquals(List.of("me"), JsonTexts.strings(part(accessToken, 1).getJsonArray("groups")), "groups: the API's scopes only");

        assertEquals(401, api.get("/users/me/", "Authorization", "Bearer " + idToken).status(), "an ID token is no access token");
        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + idToken).status());
    }

    @Test
    void userinfoNeedsTheOpenidScope() {
        String token = api.login("johndoe", "secret", "me").getString("access_token");

        assertEquals(401, api.get("/userinfo", "Authorization", "Bearer " + token).status());
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

    @Test
    void aCodeSessionIsRevokedByItsOwnClientOnlyWhichAuthenticatesAsAtTheTokenEndpoint() {
        TestClient app = confidentialClient(true);
        TestClient other = confidentialClient(true);
        String verifier = BrowserSession.verifier();
        String refreshToken = redeem(app.id(), app.secret(), code(app, user(), verifier), APP, verifier).json().asJsonObject()
                .getString("refresh_token");

        Api.Answer anonymous = api.postForm("/revoke", "token=" + refreshToken);
        Api.Answer byOther = api.postForm("/revoke", "token=" + refreshToken, "Authorization", CodeFlow.basic(other.id(), other.secret()));
        Api.Answer wrongSecret = api.postForm("/revoke", "token=" + refreshToken, "Authorization", CodeFlow.basic(app.id(), "wrong"));
        Api.Answer bothWays = api.postForm("/revoke", "token=" + refreshToken + "&client_id=" + app.id() + "&client_secret="
                + app.secret(), "Authorization", CodeFlow.basic(app.id(), app.secret()));

        assertEquals(401, anonymous.status(), "a confidential client's token: the client must authenticate; " + anonymous);
        assertEquals("invalid_client", anonymous.json().asJsonObject().getString("error"));
        assertEquals(400, byOther.status(), byOther::toString);
        assertEquals("unauthorized_client", byOther.json().asJsonObject().getString("error"));
        assertEquals(401, wrongSecret.status(), wrongSecret::toString);
        assertEquals(400, bothWays.status(), bothWays::toString);
        Api.Answer stillWorks = api.postForm("/token", "grant_type=refresh_token&refresh_token=" + refreshToken,
                "Authorization", CodeFlow.basic(app.id(), app.secret()));
        assertEquals(200, stillWorks.status(), "refused revocations revoke nothing: " + stillWorks);

        String next = stillWorks.json().asJsonObject().getString("refresh_token");
        Api.Answer byItself = api.postForm("/revoke", "token=" + next + "&client_id=" + app.id() + "&client_secret=" + app.secret());
        assertEquals(200, byItself.status(), byItself::toString);
        assertEquals(400, api.postForm("/token", "grant_type=refresh_token&refresh_token=" + next,
                "Authorization", CodeFlow.basic(app.id(), app.secret())).status(), "revoked");
    }
}
