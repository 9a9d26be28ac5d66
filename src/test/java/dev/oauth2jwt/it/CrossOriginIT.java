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
 * Single-page apps: the origin of a registered redirect URI (and a configured one) may fetch tokens,
 * userinfo and the API from scripts; any other origin reads only the public documents.
 */
class CrossOriginIT extends CodeFlowTestBase {

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
        Api.Answer page = api.get("/authorize?" + CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier()),
                "Origin", APP_ORIGIN);
        assertEquals(200, page.status());
        assertNull(page.header("access-control-allow-origin"), "the login page is never readable by a script: " + page);

        Api.Answer notAPreflight = api.method("OPTIONS", "/token", "Origin", APP_ORIGIN);
        assertEquals(405, notAPreflight.status(), "an OPTIONS that is not a preflight stays FastAPI's: " + notAPreflight);

        String ownOrigin = "https://" + spa.id() + ".example.test";
        String id = CodeFlow.clientId("spa");
        assertEquals(201, admin("POST", "/clients", "{\"client_id\":\"" + id + "\",\"client_type\":\"public\",\"scopes\":[\"me\"],"
                + "\"redirect_uris\":[\"" + ownOrigin + "/cb\"]}").status());
        assertEquals(204, api.method("OPTIONS", "/token", "Origin", ownOrigin, "Access-Control-Request-Method", "POST").status());
        assertEquals(204, admin("DELETE", "/clients/" + id, null).status());
        assertEquals(403, Eventually.statusAfterChange(204, () -> api.method("OPTIONS", "/token", "Origin", ownOrigin,
                "Access-Control-Request-Method", "POST").status()), "once no client has that origin, no more");
    }

}
