package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.Eventually;
import dev.oauth2jwt.it.support.DefaultServerTest;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.testing.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /users/me/ and /users/me/items/ on the real server, with tokens minted in the tests. */
class CurrentUserIT extends DefaultServerTest {

    static final String JOHNDOE = "{\"username\":\"johndoe\",\"email\":\"johndoe@example.com\",\"full_name\":\"John Doe\",\"disabled\":false}";
    static final String NOT_AUTHENTICATED = "{\"detail\":\"Not authenticated\"}";
    static final String INVALID = "{\"detail\":\"Could not validate credentials\"}";

    Api.Answer me(String authorization) {
        return api.get("/users/me/", "Authorization", authorization);
    }

    /** Not authenticated: plain Bearer; a bad token: the endpoint's scopes in the challenge (FastAPI's scopes chapter). */
    void assertRefused(Api.Answer answer, String body) {
        assertEquals(401, answer.status(), answer::toString);
        assertEquals(body, answer.body());
        assertEquals(body.equals(NOT_AUTHENTICATED) ? "Bearer" : "Bearer scope=\"me\"", answer.header("www-authenticate"));
    }

    @Test
    void aLoggedInUserReadsTheirProfileNeverTheHash() {
        Api.Answer answer = me("Bearer " + api.login("johndoe", "secret"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(JOHNDOE, answer.body());
    }

    @Test
    void missingFieldsOfAProfileAreNull() {
        Api.Answer answer = me("Bearer " + api.login("janedoe", "janes-password"));

        assertEquals("{\"username\":\"janedoe\",\"email\":null,\"full_name\":null,\"disabled\":false}", answer.body());
    }

    @Test
    void aLoggedInUserReadsTheirItems() {
        Api.Answer answer = api.get("/users/me/items/", "Authorization", "Bearer " + api.login("johndoe", "secret"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("[{\"item_id\":\"Foo\",\"owner\":\"johndoe\"}]", answer.body());
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String token = api.login("johndoe", "secret");

        assertEquals(200, me("bearer " + token).status());
        assertEquals(200, me("BEARER " + token).status());
    }

    @Test
    void aTokenMintedElsewhereWithTheSharedSecretIsAccepted() {
        // what a FastAPI service sharing JWT_SECRET issues: PyJWT, sub and exp only
        String token = Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", 600);

        assertEquals(JOHNDOE, me("Bearer " + token).body());
    }

    @Test
    void noAuthorizationHeaderIsNotAuthenticated() {
        Api.Answer answer = api.get("/users/me/");

        assertRefused(answer, NOT_AUTHENTICATED);
        assertRefused(api.get("/users/me/items/"), NOT_AUTHENTICATED);
        assertEquals("Bearer scope=\"items me\"", api.get("/users/me/items/", "Authorization", "Bearer x.y.z")
                .header("www-authenticate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic am9obmRvZTpzZWNyZXQ=", "Token abc", "Bearerabc"})
    void anEmptyHeaderOrAnotherSchemeIsNotAuthenticated(String authorization) {
        assertRefused(me(authorization), NOT_AUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer eyJhbGciOiJIUzI1NiJ9.e30."})
    void aMalformedTokenCannotBeValidated(String authorization) {
        assertRefused(me(authorization), INVALID);
    }

    @Test
    void anExpiredTokenCannotBeValidated() {
        assertRefused(me("Bearer " + Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", -120)), INVALID);
    }

    @Test
    void aTokenSignedWithAnotherKeyCannotBeValidated() {
        String token = Jwts.forSubject("some-other-secret-of-at-least-32-bytes!!", "johndoe", 600);

        assertRefused(me("Bearer " + token), INVALID);
    }

    @Test
    void aTokenWithoutSubjectCannotBeValidated() {
        long exp = System.currentTimeMillis() / 1000 + 600;

        assertRefused(me("Bearer " + Jwts.hs256(Deployments.JWT_SECRET, "{\"exp\":" + exp + "}")), INVALID);
    }

    @Test
    void aTokenWithoutExpiryCannotBeValidated() {
        assertRefused(me("Bearer " + Jwts.hs256(Deployments.JWT_SECRET, "{\"sub\":\"johndoe\"}")), INVALID);
    }

    @Test
    void aTokenNamingNoUserCannotBeValidated() {
        assertRefused(me("Bearer " + Jwts.forSubject(Deployments.JWT_SECRET, "ghost", 600)), INVALID);
    }

    @Test
    void aDisabledUserIsInactive() {
        String token = api.login("alice", "secretalice");

        for (String path : new String[]{"/users/me/", "/users/me/items/"}) {
            Api.Answer answer = api.get(path, "Authorization", "Bearer " + token);
            assertEquals(400, answer.status(), answer::toString);
            assertEquals("{\"detail\":\"Inactive user\"}", answer.body());
        }
    }

    @Test
    void aUserDisabledInTheDatabaseIsInactiveWithinASecond() throws Exception {
        TestDatabase.insertUser("disabled-later", "$2y$04$wDaeTErc0yvfOyy0c5nMMueiyIIxLk/A1Gii2IkF3oWaLCIBUn5iW");
        String token = api.login("disabled-later", "janes-password");
        assertEquals(200, me("Bearer " + token).status());

        TestDatabase.execute("UPDATE users SET disabled = TRUE WHERE username = ?", "disabled-later");

        assertEquals(400, Eventually.statusAfterChange(200, () -> me("Bearer " + token).status()));
    }
}
