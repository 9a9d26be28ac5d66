package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What FastAPI answers around the routes: slash redirects, 404, 405, and JSON for every error. */
class HttpContractIT extends DefaultServerTest {

    static void assertJsonError(Api.Answer answer, int status, String detail) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.header("content-type").startsWith("application/json"), answer::toString);
        assertEquals("{\"detail\":\"" + detail + "\"}", answer.body());
    }

    @Test
    void pathsWithoutTheTrailingSlashRedirectToIt() {
        Api.Answer me = api.get("/users/me");
        assertEquals(307, me.status(), me::toString);
        assertEquals(api.uri("/users/me/").toString(), me.header("location"));

        Api.Answer items = api.get("/users/me/items?x=1&y=a%20b");
        assertEquals(307, items.status(), items::toString);
        assertEquals(api.uri("/users/me/items/?x=1&y=a%20b").toString(), items.header("location"));
    }

    @Test
    void theRedirectComesBeforeAuthentication() {
        assertEquals(307, api.get("/users/me", "Authorization", "Bearer nonsense").status());
    }

    @Test
    void aTrailingSlashOnTokenRedirectsToTheDeclaredForm() {
        Api.Answer answer = api.postForm("/token/", "username=johndoe&password=secret");

        assertEquals(307, answer.status(), answer::toString);
        assertEquals(api.uri("/token").toString(), answer.header("location"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing", "/user", "/users/me/other/", "/token/extra", "/error-page", "/WEB-INF/web.xml"})
    void unknownPathsAre404Json(String path) {
        // Undertow answers WEB-INF paths itself, with HTML, before any application code or error
        // page: outside the application's reach on WildFly (see the README)
        Assumptions.assumeFalse(Deployments.onWildFly() && path.startsWith("/WEB-INF"), "Undertow's own 404");
        assertJsonError(api.get(path), 404, "Not Found");
    }

    @Test
    void aWrongMethodIs405JsonWithAllow() {
        Api.Answer getToken = api.get("/token");
        assertJsonError(getToken, 405, "Method Not Allowed");
        assertEquals("POST", getToken.header("allow"));

        Api.Answer deleteMe = api.method("DELETE", "/users/me/");
        assertJsonError(deleteMe, 405, "Method Not Allowed");
        assertEquals("GET", deleteMe.header("allow"));

        Api.Answer postMe = api.post("/users/me/", new byte[0]);
        assertJsonError(postMe, 405, "Method Not Allowed");
    }

    @Test
    void optionsIsNotAllowedEither() {
        Api.Answer answer = api.method("OPTIONS", "/users/me/");

        assertJsonError(answer, 405, "Method Not Allowed");
        assertEquals("GET", answer.header("allow"));
    }

    @Test
    void aCharsetNobodyKnowsIs415() {
        Api.Answer answer = api.post("/token", "username=a&password=b".getBytes(),
                "Content-Type", "application/x-www-form-urlencoded; charset=no-such-charset");

        assertJsonError(answer, 415, "Unsupported Media Type");
    }

    @Test
    void aBrokenFormEncodingIs400() {
        assertJsonError(api.postForm("/token", "username=%zz&password=x"), 400, "There was an error parsing the body");
        assertJsonError(api.post("/token", new byte[]{'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '=', (byte) 0xC3, '&'},
                "Content-Type", "application/x-www-form-urlencoded"), 400, "There was an error parsing the body");
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] huge = ("username=johndoe&password=" + "x".repeat(70 * 1024)).getBytes();

        assertJsonError(api.post("/token", huge, "Content-Type", "application/x-www-form-urlencoded"), 413,
                "Request body too large");
    }

    @Test
    void errorsNeverCarryAStackTraceOrHtml() {
        for (Api.Answer answer : new Api.Answer[]{api.get("/nothing"), api.method("PUT", "/token"),
                api.post("/token", "%".getBytes(), "Content-Type", "application/x-www-form-urlencoded")}) {
            assertFalse(answer.body().contains("Exception"), answer::toString);
            assertFalse(answer.body().toLowerCase().contains("<html"), answer::toString);
        }
    }

    @Test
    void everyAnswerForbidsSniffingAndCaching() {
        String token = api.login("johndoe", "secret");
        for (Api.Answer answer : new Api.Answer[]{
                api.get("/users/me/", "Authorization", "Bearer " + token),
                api.get("/users/me/"),
                api.get("/nothing"),
                api.postForm("/token", "username=johndoe&password=secret"),
                api.postForm("/token", "")}) {
            assertEquals("nosniff", answer.header("x-content-type-options"), answer::toString);
            assertEquals("no-store", answer.header("cache-control"), answer::toString);
        }
    }

    @Test
    void noServerVersionIsAdvertised() {
        Api.Answer answer = api.get("/nothing");

        String server = answer.header("server");
        assertTrue(server == null || !server.matches(".*\\d.*"), "Server: " + server);
        assertEquals(null, answer.header("x-powered-by"));
    }
}
