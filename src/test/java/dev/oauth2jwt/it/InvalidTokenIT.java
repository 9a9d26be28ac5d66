package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.Eventually;
import dev.oauth2jwt.it.support.DefaultServerTest;
import dev.oauth2jwt.it.support.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.HostileTokens;
import dev.oauth2jwt.testing.Jwts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile token of {@link HostileTokens}, minted here, sent to the real server: each must
 * get the normal 401, never 200 and never 5xx (the MicroProfile JWT TCK's InvalidTokenTest style).
 */
class InvalidTokenIT extends DefaultServerTest {

    static final String INVALID = "{\"detail\":\"Could not validate credentials\"}";

    static Stream<HostileTokens.Case> hostile() {
        return HostileTokens.all(Deployments.JWT_SECRET, "johndoe").stream();
    }

    static Stream<HostileTokens.Case> oddities() {
        return HostileTokens.oddities(Deployments.JWT_SECRET, "johndoe").stream();
    }

    Api.Answer me(String token) {
        return api.get("/users/me/", "Authorization", "Bearer " + token);
    }

    @Test
    void theSameTokenWithoutItsDefectIsAccepted() {
        assertEquals(200, me(Jwts.forSubject(Deployments.JWT_SECRET, "johndoe", 600)).status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefused(HostileTokens.Case hostile) {
        long started = System.nanoTime();
        Api.Answer answer = me(hostile.token());

        assertEquals(401, answer.status(), answer::toString);
        assertEquals(INVALID, answer.body());
        assertEquals("Bearer scope=\"me\"", answer.header("www-authenticate"));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered quickly");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddities")
    void aValidlySignedOddityIsAcceptedOrRefusedButNever5xx(HostileTokens.Case oddity) {
        Api.Answer answer = me(oddity.token());

        assertTrue(answer.status() == 200 || answer.status() == 401, answer::toString);
    }

    @Test
    void anAuthorizationHeaderFarOverTheLimitIs4xxQuickly() {
        Api.Answer answer = me("a".repeat(200 * 1024));

        assertTrue(answer.status() >= 400 && answer.status() < 500, answer::toString);
    }

    @Test
    void aTokenOfADeletedUserIsRefused() throws Exception {
        String token = api.login("deleted-user", "janes-password");
        assertEquals(200, me(token).status());

        TestDatabase.execute("DELETE FROM users WHERE username = ?", "deleted-user");

        assertEquals(401, Eventually.statusAfterChange(200, () -> me(token).status()));
        assertEquals(INVALID, me(token).body());
    }

    @Test
    void aTokenOfARenamedUserIsRefused() throws Exception {
        String token = api.login("renamed-user", "janes-password");
        assertEquals(200, me(token).status());

        TestDatabase.execute("UPDATE users SET username = 'renamed-user-2' WHERE username = ?", "renamed-user");

        assertEquals(401, Eventually.statusAfterChange(200, () -> me(token).status()));
    }
}
