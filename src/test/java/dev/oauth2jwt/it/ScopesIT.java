package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.DefaultServerTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OAuth2 scopes as FastAPI's scopes chapter, on the real server. */
class ScopesIT extends DefaultServerTest {

    static final String NOT_ENOUGH = "{\"detail\":\"Not enough permissions\"}";

    static JsonObject claims(String token) {
        return Json.createReader(new StringReader(Jwts.part(token, 1))).readObject();
    }

    Api.Answer get(String path, String token) {
        return api.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void aLoginGetsWhatItAsksForWithinWhatTheUserMayHave() {
        JsonObject answer = api.login("johndoe", "secret", "items admin unknown");

        assertEquals("items", answer.getString("scope"));
        JsonObject claims = claims(answer.getString("access_token"));
        assertEquals("items", claims.getString("scope"));
        assertEquals(List.of("items"), claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void aLoginWithoutScopeGetsTheDefaultsSoTheSeedsClientsKeepWorking() {
        String token = api.login("johndoe", "secret");

        assertEquals("me items", claims(token).getString("scope"));
        assertEquals(200, get("/users/me/", token).status());
        assertEquals(200, get("/users/me/items/", token).status());
    }

    @Test
    void tokensCarryWhatMicroProfileJwtConsumersNeed() {
        JsonObject claims = claims(api.login("johndoe", "secret"));

        for (String claim : List.of("sub", "exp", "iat", "jti", "iss", "upn", "groups", "scope")) {
            assertEquals(true, claims.containsKey(claim), claim);
        }
        assertEquals("oauth2-jwt", claims.getString("iss"));
        assertEquals("johndoe", claims.getString("upn"));
    }

    @Test
    void meNeedsTheMeScope() {
        Api.Answer answer = get("/users/me/", api.login("johndoe", "secret", "items").getString("access_token"));

        assertEquals(401, answer.status());
        assertEquals(NOT_ENOUGH, answer.body());
        assertEquals("Bearer scope=\"me\"", answer.header("www-authenticate"));
    }

    @Test
    void itemsNeedBothScopesAndTheChallengeNamesThem() {
        Api.Answer meOnly = get("/users/me/items/", api.login("johndoe", "secret", "me").getString("access_token"));

        assertEquals(401, meOnly.status());
        assertEquals(NOT_ENOUGH, meOnly.body());
        assertEquals("Bearer scope=\"items me\"", meOnly.header("www-authenticate"));
        assertEquals(200, get("/users/me/items/", api.login("johndoe", "secret", "me items").getString("access_token")).status());
    }

    @Test
    void theScopeCheckComesBeforeTheDisabledCheck() {
        String me = api.login("alice", "secretalice", "me").getString("access_token");
        String items = api.login("alice", "secretalice", "items").getString("access_token");

        assertEquals(400, get("/users/me/", me).status(), "a me token: Inactive user");
        assertEquals("{\"detail\":\"Inactive user\"}", get("/users/me/", me).body());
        assertEquals(NOT_ENOUGH, get("/users/me/", items).body(), "no me: Not enough permissions");
    }

    @Test
    void statusNeedsAnyValidTokenEvenOfADisabledUser() {
        assertEquals("{\"status\":\"ok\"}", get("/status/", api.login("johndoe", "secret", "items").getString("access_token")).body());
        assertEquals(200, get("/status/", api.login("alice", "secretalice")).status());

        Api.Answer anonymous = api.get("/status/");
        assertEquals(401, anonymous.status());
        assertEquals("Bearer", anonymous.header("www-authenticate"));
        Api.Answer badToken = get("/status/", "x.y.z");
        assertEquals("{\"detail\":\"Could not validate credentials\"}", badToken.body());
        assertEquals("Bearer", badToken.header("www-authenticate"), "no scopes needed: a plain challenge");
    }

    @Test
    void theSeedsTokensWithoutScopeGetTheDefaults() {
        String seedToken = Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", 600);

        assertEquals(200, get("/users/me/items/", seedToken).status());
        assertEquals(401, get("/users", seedToken).status(), "never admin");
    }

    @Test
    void aScopeTakenFromAUserStopsWorkingAtOnceWhateverTheirTokensSay() {
        String admin = api.login("demoted-admin", "janes-password", "admin").getString("access_token");
        assertEquals(200, get("/users", admin).status());

        Api.Answer demoted = api.patchJson("/users/demoted-admin", "{\"scopes\":[\"me\"]}", "Authorization", "Bearer " + admin);
        assertEquals(200, demoted.status(), demoted::toString);

        assertEquals(NOT_ENOUGH, get("/users", admin).body(), "the same token, the next request");
    }

    @Test
    void anInjectedJsonWebTokenIsTheCaller() {
        String token = api.login("johndoe", "secret");

        assertEquals("[{\"item_id\":\"Foo\",\"owner\":\"johndoe\"}]", get("/users/me/items/", token).body());
    }
}
