package dev.oauth2jwt.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import dev.oauth2jwt.users.control.TestUserStores;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When an access token counts as revoked, on a real H2 database. */
class SessionCheckTest {

    static final long NOW = 1_790_000_000L;

    Database database;
    UserStore users;
    SessionCheck sessions;
    RefreshTokens refreshTokens;
    LoginSessions loginSessions;
    long nanos = 1_000_000_000L;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        users = TestUserStores.on(database);
        TestSessions wired = TestSessions.on(database, java.time.Instant::now, () -> nanos);
        sessions = wired.check;
        refreshTokens = wired.refreshTokens;
        loginSessions = wired.loginSessions;
        users.create(new User("johndoe", null, null, "hash", false, Set.of("me")));
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    User johndoe() {
        return users.findByUsername("johndoe").orElseThrow();
    }

    static VerifiedToken token(String sessionId, long issuedAt) {
        return new VerifiedToken("raw", java.util.Map.of(), "johndoe", issuedAt, sessionId, Set.of("me"), Long.MAX_VALUE,
                Long.MIN_VALUE, null, null, null, null);
    }

    @Test
    void aTokenOfALiveSessionWorks() {
        String session = loginSessions.start(johndoe(), Set.of("me")).orElseThrow().sessionId();

        assertEquals(Optional.empty(), sessions.revocation(token(session, NOW), johndoe()));
    }

    @Test
    void aRevocationOfTheAccountEndsItsSessionsWhateverTheTimes() {
        String session = loginSessions.start(johndoe(), Set.of("me")).orElseThrow().sessionId();

        users.update("johndoe", user -> user.revokeAllTokens(0));   // even "long before" the token's iat

        assertEquals(Optional.of("revoked: password change, disabling or log out since the login"),
                sessions.revocation(token(session, NOW), johndoe()));
    }

    @Test
    void aSessionStartedWithinTheCachesTimeCountsAsRecentSoThatAStaleCachedAccountIsReadAgain() {
        String session = loginSessions.start(johndoe(), Set.of("me")).orElseThrow().sessionId();
        long started = System.currentTimeMillis();

        sessions.clock = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(started + 1500), java.time.ZoneOffset.UTC);
        assertEquals(true, sessions.startedRecently(token(session, NOW)), "younger than the cache's second and a second's skew");
        sessions.clock = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(started + 2500), java.time.ZoneOffset.UTC);
        assertEquals(false, sessions.startedRecently(token(session, NOW)));
        assertEquals(false, sessions.startedRecently(token(null, NOW)), "a token without a session");
    }

    @Test
    void aRevokedSessionEndsItsAccessTokensHereAtOnce() {
        var started = loginSessions.start(johndoe(), Set.of("me")).orElseThrow();
        assertEquals(Optional.empty(), sessions.revocation(token(started.sessionId(), NOW), johndoe()), "cached now");

        refreshTokens.revoke(started.refreshToken(), null);

        assertEquals(Optional.of("login session revoked"), sessions.revocation(token(started.sessionId(), NOW), johndoe()));
    }

    @Test
    void aSessionOfAnotherAccountOrNoneAtAllIsRefused() {
        String session = loginSessions.start(johndoe(), Set.of("me")).orElseThrow().sessionId();
        users.create(new User("alice", null, null, "hash", false, Set.of("me")));
        User alice = users.findByUsername("alice").orElseThrow();

        assertEquals(Optional.of("login session of another account"), sessions.revocation(token(session, NOW), alice));
        assertEquals(Optional.of("unknown login session"), sessions.revocation(token("no-such-session", NOW), johndoe()));
    }

    @Test
    void aDeletedAccountTakesItsSessionsAlong() {
        String session = loginSessions.start(johndoe(), Set.of("me")).orElseThrow().sessionId();
        users.delete("johndoe");
        users.create(new User("johndoe", null, null, "another hash", false, Set.of("me")));
        nanos += 1_000_000_000L;   // another instance's cache would have forgotten it by now

        assertEquals(Optional.of("unknown login session"), sessions.revocation(token(session, NOW), johndoe()));
    }

    @Test
    void aTokenWithoutSessionCountsByItsIssueTime() {
        users.update("johndoe", user -> user.refuseTokensIssuedUntil(NOW * 1000 + 999));

        assertEquals(Optional.of("revoked: issued before the account's last revocation or its creation"),
                sessions.revocation(token(null, NOW), johndoe()), "the same second, however late in it");
        assertEquals(Optional.empty(), sessions.revocation(token(null, NOW + 1), johndoe()));
    }
}
