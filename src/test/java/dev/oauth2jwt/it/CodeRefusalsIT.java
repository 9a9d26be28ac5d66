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
 * Authorization requests and codes that are refused, each with a test: an unregistered redirect URI
 * or unknown client (an error page, never a redirect), PKCE required and S256 only, request objects
 * refused by name, a wrong verifier, a replayed code (which revokes what it produced), a code of
 * another client or redirect URI, an expired code.
 */
class CodeRefusalsIT extends CodeFlowTestBase {

    @Test
    void anUnregisteredRedirectUriOrAnUnknownClientGetsAnErrorPageNeverARedirect() {
        TestClient spa = publicClient();
        String verifier = BrowserSession.verifier();

        for (String query : List.of(
                CodeFlow.authorizeQuery(spa.id(), "https://evil.example.test/callback", "openid", "n", "s", verifier),
                CodeFlow.authorizeQuery(spa.id(), APP + "/more", "openid", "n", "s", verifier),     // no prefix matching
                CodeFlow.authorizeQuery(spa.id(), APP.toUpperCase(), "openid", "n", "s", verifier),
                CodeFlow.authorizeQuery("no-such-client", APP, "openid", "n", "s", verifier),
                CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", verifier).replace("redirect_uri=", "x="),
                CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", verifier) + "&client_id=" + spa.id())) {
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
        String query = CodeFlow.authorizeQuery(spa.id(), APP, "openid", "n", "s", BrowserSession.verifier());
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

}
