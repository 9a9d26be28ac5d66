package dev.oauth2jwt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Refresh tokens, revocation and hash migration on the real server. */
class TokenLifecycleIT extends ServerTestBase {

    static final String INVALID_GRANT = "{\"error\":\"invalid_grant\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    Api.Answer refresh(String refreshToken) {
        return api.postForm("/token", Api.form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    Api.Answer me(String accessToken) {
        return api.get("/users/me/", "Authorization", "Bearer " + accessToken);
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
