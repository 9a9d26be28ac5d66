package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.CodeFlow;
import dev.oauth2jwt.it.support.JsonTexts;
import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.BrowserSession;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The code flow in the default, FastAPI-compatible HS256 mode: the built-in client of /docs works
 * (codes only to the server's own docs page), but OpenID Connect is refused with a page saying why:
 * an ID token signed with our secret could be checked by no application.
 */
class AuthorizationCodeHs256IT extends DefaultServerTest {

    @Test
    void openIdNeedsAnAsymmetricKey() {
        String docs = api.uri("/docs/oauth2-redirect").toString();

        Api.Answer answer = new BrowserSession(api).get("/authorize?" + CodeFlow.authorizeQuery("swagger-ui", docs, "openid me",
                "n", "s", BrowserSession.verifier()));

        assertEquals(400, answer.status(), answer::toString);
        assertNull(answer.header("location"));
        assertTrue(answer.body().contains("asymmetric signing key") && answer.body().contains("RS256"), answer.body());
        JsonObject metadata = api.get("/.well-known/openid-configuration").json().asJsonObject();
        assertFalse(JsonTexts.strings(metadata.getJsonArray("scopes_supported")).contains("openid"), metadata::toString);
    }

    @Test
    void theDocsClientGetsCodesOnlyAtThisServersOwnDocsPage() {
        String docs = api.uri("/docs/oauth2-redirect").toString();
        String verifier = BrowserSession.verifier();

        Api.Answer loggedIn = new BrowserSession(api).logIn(CodeFlow.authorizeQuery("swagger-ui", docs, "me", "n", "s", verifier),
                "johndoe", "secret");
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        assertTrue(loggedIn.header("location").startsWith(docs + "?"), loggedIn::toString);
        Map<String, String> back = BrowserSession.query(loggedIn.header("location"));
        Api.Answer tokens = api.postForm("/token", Api.form(Map.of("grant_type", "authorization_code", "client_id", "swagger-ui",
                "code", back.get("code"), "redirect_uri", docs, "code_verifier", verifier)));
        assertEquals(200, tokens.status(), tokens::toString);
        assertFalse(tokens.json().asJsonObject().containsKey("id_token"));
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + tokens.json().asJsonObject().getString("access_token"))
                .status());

        for (String elsewhere : List.of("https://evil.example.test/docs/oauth2-redirect",
                "http://localhost:" + api.uri("/").getPort() + "/docs/oauth2-redirect-not")) {
            Api.Answer refused = new BrowserSession(api).get("/authorize?" + CodeFlow.authorizeQuery("swagger-ui", elsewhere, "me",
                    "n", "s", verifier));
            assertEquals(400, refused.status(), elsewhere);
            assertNull(refused.header("location"));
        }
    }

    @Test
    void behindATlsTerminatingProxyTheCookiesAreSecureAndHostOnly() {
        String docs = api.uri("/docs/oauth2-redirect").toString();
        String query = CodeFlow.authorizeQuery("swagger-ui", docs, "me", "n", "s", BrowserSession.verifier());

        Api.Answer plain = new BrowserSession(api).get("/authorize?" + query);
        String plainCookie = plain.header("set-cookie");
        assertTrue(plainCookie.startsWith("oauth2jwt_csrf=") && !plainCookie.contains("Secure"), "plain http: " + plainCookie);

        BrowserSession browser = new BrowserSession(api);
        Api.Answer page = browser.get("/authorize?" + query, "X-Forwarded-Proto", "https");
        String csrf = page.header("set-cookie");
        assertTrue(csrf.startsWith("__Host-oauth2jwt_csrf=") && csrf.contains("; Secure") && csrf.contains("; Path=/;"),
                "the trusted proxy (HTTP_TRUSTED_PROXIES) says the browser came over https: " + csrf);
        Api.Answer loggedIn = browser.postForm("/login", Api.form(BrowserSession.form(page.body(),
                Map.of("username", "johndoe", "password", "secret"))), "X-Forwarded-Proto", "https");
        assertEquals(303, loggedIn.status(), loggedIn::toString);
        assertTrue(loggedIn.headers().get("set-cookie").stream().anyMatch(c -> c.startsWith("__Host-oauth2jwt_sso=")
                && c.contains("; Secure")), loggedIn::toString);
    }
}
