package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.Eventually;
import dev.oauth2jwt.it.support.DefaultServerTest;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refresh tokens, login sessions, revocation and hash migration on the real server. */
class TokenLifecycleIT extends DefaultServerTest {

    static final String INVALID_GRANT = "{\"error\":\"invalid_grant\"}";

    Api.Answer refresh(String refreshToken) {
        return api.postForm("/token", Api.form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    Api.Answer me(String accessToken) {
        return api.get("/users/me/", "Authorization", "Bearer " + accessToken);
    }

    String admin() {
        return "Bearer " + api.login("admin-user", "janes-password", "me admin").getString("access_token");
    }

    static JsonObject claims(String accessToken) {
        return Json.createReader(new StringReader(Jwts.part(accessToken, 1))).readObject();
    }

    @Test
    void aRecreatedUsernameAcceptsNoneOfTheOldOwnersTokens() throws Exception {
        String admin = admin();
        assertEquals(201, api.postJson("/users", "{\"username\":\"recreated\",\"password\":\"first-owners-password\"}",
                "Authorization", admin).status());
        JsonObject oldOwner = api.login("recreated", "first-owners-password", "me");
        // a token without a session, as a FastAPI service sharing the secret issues them (after the second of the creation)
        Thread.sleep(1000);
        long now = System.currentTimeMillis() / 1000;
        String sessionless = Jwts.hs256(Deployments.JWT_SECRET, "{\"sub\":\"recreated\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        assertEquals(200, me(sessionless).status());

        assertEquals(204, api.method("DELETE", "/users/recreated", "Authorization", admin).status());
        assertEquals(201, api.postJson("/users", "{\"username\":\"recreated\",\"password\":\"second-owners-password\"}",
                "Authorization", admin).status());
        Thread.sleep(Eventually.A_SECOND_AND_A_BIT.toMillis());   // past any cache of the old account

        assertEquals(401, me(oldOwner.getString("access_token")).status());
        assertEquals(401, me(sessionless).status(), "issued before the account existed");
        assertEquals(INVALID_GRANT, refresh(oldOwner.getString("refresh_token")).body());
        assertEquals(200, me(api.login("recreated", "second-owners-password")).status(), "the new owner's work");
    }

    /**
     * A login checks a cost-14 hash (about a second here) while the account is revoked: the login
     * read the account before, and must not hand out tokens that outlive the revocation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"logout", "password", "disable", "delete"})
    void aLoginInFlightWhenTheAccountIsRevokedGetsNoWorkingToken(String change) throws Exception {
        String user = "slow-" + change;
        String admin = admin();
        String ownToken = "logout".equals(change) ? api.login(user, "janes-password") : null;
        Map<String, Consumer<String>> changes = Map.of(
                "logout", name -> assertEquals(204, api.postForm("/logout", "", "Authorization", "Bearer " + ownToken).status()),
                "password", name -> assertEquals(200, api.patchJson("/users/" + name, "{\"password\":\"a-brand-new-password\"}",
                        "Authorization", admin).status()),
                "disable", name -> assertEquals(200, api.patchJson("/users/" + name, "{\"disabled\":true}",
                        "Authorization", admin).status()),
                "delete", name -> assertEquals(204, api.method("DELETE", "/users/" + name, "Authorization", admin).status()));

        long[] answeredAt = new long[1];
        // start just after a second begins, so that the change and the login's end fall in different
        // seconds: revocation by iat alone, to the second, cannot tell the login's tokens apart then
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
        CompletableFuture<Api.Answer> login = CompletableFuture.supplyAsync(() -> {
            Api.Answer answer = api.postForm("/token", "username=" + user + "&password=janes-password");
            answeredAt[0] = System.nanoTime();
            return answer;
        });
        Thread.sleep(300);   // the login has read the account and is hashing
        changes.get(change).accept(user);
        long changedAt = System.nanoTime();
        Api.Answer answer = login.get(60, TimeUnit.SECONDS);

        assertTrue(changedAt < answeredAt[0], "the " + change + " must land while the login is hashing (a cost-14 hash takes "
                + "about a second); it answered " + Duration.ofNanos(answeredAt[0] - changedAt).negated().toMillis() + " ms before");
        if (answer.status() == 200) {
            JsonObject tokens = answer.json().asJsonObject();
            assertEquals(401, me(tokens.getString("access_token")).status(), "a token from the old state works: " + change);
            assertEquals(INVALID_GRANT, refresh(tokens.getString("refresh_token")).body());
        } else {
            assertEquals(401, answer.status(), answer::toString);
            assertEquals("{\"detail\":\"Incorrect username or password\"}", answer.body());
        }
        if ("logout".equals(change)) {
            assertEquals(200, me(api.login(user, "janes-password")).status(), "a login after the logout works");
        }
    }

    @Test
    void reusingAStolenRefreshTokenEndsTheThiefsAccessTokenButNoOtherSession() throws Exception {
        JsonObject laptop = api.login("session-user", "janes-password", "me");
        JsonObject phone = api.login("session-user", "janes-password", "me");
        JsonObject thief = refresh(laptop.getString("refresh_token")).json().asJsonObject();
        assertEquals(200, me(thief.getString("access_token")).status());

        assertEquals(INVALID_GRANT, refresh(laptop.getString("refresh_token")).body(), "the user's copy, presented again");

        assertEquals(401, me(thief.getString("access_token")).status(), "the access token got with the stolen one");
        assertEquals(401, me(laptop.getString("access_token")).status(), "every token of that login");
        assertEquals(200, me(phone.getString("access_token")).status(), "another login of the same user");
        assertEquals(200, refresh(phone.getString("refresh_token")).status());
    }

    @Test
    void revokingARefreshTokenEndsItsLoginsAccessTokensToo() {
        JsonObject login = api.login("session-user", "janes-password", "me");

        assertEquals(200, api.postForm("/revoke", "token=" + login.getString("refresh_token")).status());

        assertEquals(401, me(login.getString("access_token")).status());
    }

    @Test
    void aLoginSessionEndsAfterJwtRefreshMaxDaysHoweverOftenItIsRefreshed() throws Exception {
        JsonObject login = api.login("aging-session-user", "janes-password", "me");
        String session = claims(login.getString("access_token")).getString("sid");
        long day = Duration.ofDays(1).toMillis();
        long loggedIn = System.currentTimeMillis() - 30 * day + 60_000;   // 30 days ago, but for a minute
        TestDatabase.execute("UPDATE login_sessions SET created_at = " + loggedIn + " WHERE id = ?", session);

        Api.Answer refreshed = refresh(login.getString("refresh_token"));
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertTrue(TestDatabase.longValue("SELECT expires_at FROM refresh_tokens WHERE family_id = ? AND used_at IS NULL", session)
                <= loggedIn + 30 * day, "the new refresh token lives a minute, not 7 days");

        TestDatabase.execute("UPDATE login_sessions SET created_at = " + (loggedIn - 61_000) + " WHERE id = ?", session);
        assertEquals(INVALID_GRANT, refresh(refreshed.json().asJsonObject().getString("refresh_token")).body());
    }

    @Test
    void aDisabledUsersTokenGrantsNoGroupsToMicroProfileConsumers() {
        String disabled = api.login("alice", "secretalice");
        String active = api.login("johndoe", "secret");

        assertTrue(!claims(disabled).containsKey("groups"), claims(disabled)::toString);
        assertEquals("me items", claims(disabled).getString("scope"));
        assertEquals(400, me(disabled).status(), "our own endpoints: Inactive user");
        assertEquals(2, claims(active).getJsonArray("groups").size());
    }

    @Test
    void aRefreshRotatesTheRefreshTokenAndNeverWidensTheScopes() {
        JsonObject login = api.login("refresh-user", "janes-password", "me");
        String first = login.getString("refresh_token");

        Api.Answer refreshed = refresh(first);
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals("no-store", refreshed.header("cache-control"));
        JsonObject body = refreshed.json().asJsonObject();
        assertNotEquals(first, body.getString("refresh_token"));
        assertEquals("me", body.getString("scope"));
        assertEquals(200, me(body.getString("access_token")).status());

        Api.Answer wider = api.postForm("/token", Api.form(Map.of("grant_type", "refresh_token",
                "refresh_token", body.getString("refresh_token"), "scope", "me items")));
        assertEquals("me", wider.json().asJsonObject().getString("scope"));
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheFamily() {
        String first = api.login("refresh-user", "janes-password", "").getString("refresh_token");
        String second = refresh(first).json().asJsonObject().getString("refresh_token");

        Api.Answer reuse = refresh(first);
        assertEquals(400, reuse.status());
        assertEquals(INVALID_GRANT, reuse.body());

        assertEquals(INVALID_GRANT, refresh(second).body(), "the family is revoked");
    }

    @Test
    void unknownOrMissingRefreshTokens() {
        assertEquals(INVALID_GRANT, refresh("not-a-refresh-token").body());
        Api.Answer missing = api.postForm("/token", "grant_type=refresh_token");
        assertEquals(400, missing.status());
        assertEquals("{\"error\":\"invalid_request\"}", missing.body());
    }

    @Test
    void revokeAnswers200AlwaysAndRevokes() {
        String refreshToken = api.login("refresh-user", "janes-password", "").getString("refresh_token");

        assertEquals(200, api.postForm("/revoke", "token=" + refreshToken).status());
        assertEquals(200, api.postForm("/revoke", "token=never-issued").status());
        assertEquals(INVALID_GRANT, refresh(refreshToken).body());
    }

    @Test
    void aPasswordChangeRevokesEveryEarlierTokenForTheVeryNextRequest() {
        JsonObject login = api.login("password-changer", "janes-password", "me");
        String access = login.getString("access_token");

        Api.Answer wrong = api.postJson("/users/me/password", "{\"current_password\":\"wrong-one\",\"new_password\":\"brand-new-password\"}",
                "Authorization", "Bearer " + access);
        assertEquals(400, wrong.status());
        assertEquals("{\"detail\":\"Incorrect password\"}", wrong.body());

        Api.Answer changed = api.postJson("/users/me/password",
                "{\"current_password\":\"janes-password\",\"new_password\":\"brand-new-password\"}", "Authorization", "Bearer " + access);
        assertEquals(204, changed.status(), changed::toString);

        assertEquals(401, me(access).status());
        assertEquals(INVALID_GRANT, refresh(login.getString("refresh_token")).body());
        assertEquals(200, me(api.login("password-changer", "brand-new-password")).status());
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogin() {
        String access = api.login("password-guesser", "janes-password");
        String[] asClient = {"Authorization", "Bearer " + access, "X-Forwarded-For", "198.51.100.131"};

        for (int i = 0; i < 10; i++) {
            Api.Answer wrong = api.postJson("/users/me/password",
                    "{\"current_password\":\"guess-" + i + "\",\"new_password\":\"brand-new-password\"}", asClient);
            assertEquals(400, wrong.status(), wrong::toString);
        }
        Api.Answer throttled = api.postJson("/users/me/password",
                "{\"current_password\":\"janes-password\",\"new_password\":\"brand-new-password\"}", asClient);

        assertEquals(429, throttled.status(), throttled::toString);
        assertEquals("{\"detail\":\"Too many failed login attempts\"}", throttled.body());
        assertTrue(Long.parseLong(throttled.header("retry-after")) >= 1, throttled.header("retry-after"));
        assertEquals(200, me(access).status(), "the right password was not taken: the token still works");
    }

    @Test
    void aNewPasswordIsCheckedLikeAnyOther() {
        String access = api.login("johndoe", "secret");

        Api.Answer shortOne = api.postJson("/users/me/password", "{\"current_password\":\"secret\",\"new_password\":\"short\"}",
                "Authorization", "Bearer " + access);
        assertEquals(422, shortOne.status());
        assertTrue(shortOne.body().contains("\"loc\":[\"body\",\"new_password\"]"), shortOne.body());
        assertTrue(!shortOne.body().contains("secret"), "passwords are never echoed");
    }

    @Test
    void logoutEndsEverySession() {
        JsonObject laptop = api.login("logout-user", "janes-password", "me");
        JsonObject phone = api.login("logout-user", "janes-password", "me");

        assertEquals(204, api.postForm("/logout", "", "Authorization", "Bearer " + laptop.getString("access_token")).status());

        assertEquals(401, me(laptop.getString("access_token")).status());
        assertEquals(401, me(phone.getString("access_token")).status());
        assertEquals(INVALID_GRANT, refresh(phone.getString("refresh_token")).body());
        assertEquals(200, me(api.login("logout-user", "janes-password")).status(), "logging in again works at once");
    }

    @Test
    void aDjangoUserLogsInAndTheirHashBecomesBcrypt() throws Exception {
        assertTrue(TestDatabase.hashOf("django-user").startsWith("pbkdf2_sha256$"));

        assertEquals(200, me(api.login("django-user", "django-password")).status());

        assertTrue(TestDatabase.hashOf("django-user").startsWith("$2a$12$"), TestDatabase.hashOf("django-user"));
        assertEquals(200, me(api.login("django-user", "django-password")).status(), "and still logs in");
    }

    @Test
    void aBcryptHashBelowTheConfiguredCostIsUpgradedAtLogin() throws Exception {
        assertTrue(TestDatabase.hashOf("cheap-hash-user").startsWith("$2y$04$"));

        api.login("cheap-hash-user", "janes-password");

        assertTrue(TestDatabase.hashOf("cheap-hash-user").startsWith("$2a$12$"));
    }
}
