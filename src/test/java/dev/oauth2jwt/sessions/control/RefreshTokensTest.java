package dev.oauth2jwt.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.sessions.control.RefreshTokens.Exchange;
import dev.oauth2jwt.users.control.TestUserStores;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import dev.oauth2jwt.testing.TestClocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens on a real H2 database, with a clock the test moves. */
class RefreshTokensTest {

    Database database;
    UserStore users;
    SessionCheck sessions;
    RefreshTokens tokens;
    LoginSessions loginSessions;
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    User johndoe;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        users = TestUserStores.on(database);
        users.create(new User("johndoe", null, null, "hash", false, Set.of("me", "items", "admin")));
        johndoe = users.findByUsername("johndoe").orElseThrow();
        TestSessions wired = TestSessions.on(database, () -> now, System::nanoTime);
        sessions = wired.check;
        tokens = wired.refreshTokens;
        loginSessions = wired.loginSessions;
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    /** The refresh token of a new login session. */
    String issue(User user, Set<String> scopes) {
        return loginSessions.start(user, scopes).orElseThrow().refreshToken();
    }

    @Test
    void aRefreshGivesANewTokenAndSpendsTheOldOne() {
        String first = issue(johndoe, Set.of("me", "items"));

        Exchange.Granted granted = assertInstanceOf(Exchange.Granted.class, tokens.rotate(first, null));
        assertEquals("johndoe", granted.user().username());
        assertEquals(Set.of("me", "items"), granted.scopes());
        assertNotEquals(first, granted.refreshToken());
        assertEquals(43, first.length(), "32 random bytes, base64url");

        assertInstanceOf(Exchange.Granted.class, tokens.rotate(granted.refreshToken(), null), "the new one works");
    }

    @Test
    void presentingASpentTokenRevokesTheWholeFamily() {
        String first = issue(johndoe, Set.of("me"));
        String second = ((Exchange.Granted) tokens.rotate(first, null)).refreshToken();

        Exchange reuse = tokens.rotate(first, null);

        assertEquals(new Exchange.Refused("refresh token reused: session revoked"), reuse);
        assertInstanceOf(Exchange.Refused.class, tokens.rotate(second, null), "the thief's or the user's copy: both dead");
    }

    @Test
    void housekeepingKeepsTheLatestSpentTokensOfASessionAndForgetsOlderOnes() {
        String first = issue(johndoe, Set.of("me"));
        String live = first;
        String lastSpent = null;
        for (int i = 0; i < 25; i++) {
            lastSpent = live;
            now = now.plusSeconds(1);
            live = ((Exchange.Granted) tokens.rotate(live, null)).refreshToken();
        }
        assertEquals(26, tokensOfSession(live), "25 spent and the live one, until housekeeping");

        tokens.runHousekeeping();

        assertEquals(RefreshTokens.KEPT_SPENT_TOKENS + 1, tokensOfSession(live), "the latest 20 spent, and the live one");
        assertEquals(new Exchange.Refused("unknown refresh token"), tokens.rotate(first, null), "forgotten: merely unknown");
        assertEquals(new Exchange.Refused("refresh token reused: session revoked"), tokens.rotate(lastSpent, null),
                "the latest spent one is still known, and its reuse revokes the session");
    }

    @Test
    void eachInstanceForgetsForTheSessionsItSawSpendTokensAndASessionMissedComesBackWithItsNextRefresh() {
        RefreshTokens otherInstance = TestSessions.on(database, () -> now, System::nanoTime).refreshTokens;
        String live = issue(johndoe, Set.of("me"));
        for (int i = 0; i < 25; i++) {
            live = ((Exchange.Granted) otherInstance.rotate(live, null)).refreshToken();
        }

        tokens.runHousekeeping();
        assertEquals(26, tokensOfSession(live), "refreshed on the other instance only: this one did not see it");

        live = ((Exchange.Granted) tokens.rotate(live, null)).refreshToken();
        tokens.runHousekeeping();
        assertEquals(RefreshTokens.KEPT_SPENT_TOKENS + 1, tokensOfSession(live), "refreshed here once: forgotten here");
    }

    long tokensOfSession(String refreshToken) {
        return database.read(em -> em.createQuery("SELECT COUNT(t) FROM RefreshToken t WHERE t.familyId = "
                        + "(SELECT r.familyId FROM RefreshToken r WHERE r.tokenHash = :hash)", Long.class)
                .setParameter("hash", RefreshTokens.sha256(refreshToken))
                .getSingleResult());
    }

    @Test
    void otherLoginsAreNotAffectedByAFamilysRevocation() {
        String stolen = issue(johndoe, Set.of("me"));
        String otherDevice = issue(johndoe, Set.of("me"));
        tokens.rotate(stolen, null);
        tokens.rotate(stolen, null);

        assertInstanceOf(Exchange.Granted.class, tokens.rotate(otherDevice, null));
    }

    @Test
    void scopesNeverExceedTheOriginalGrantNorWhatTheUserStillHas() {
        String token = issue(johndoe, Set.of("me", "items"));

        Exchange.Granted narrowed = (Exchange.Granted) tokens.rotate(token, "items admin");
        assertEquals(Set.of("items"), narrowed.scopes(), "admin was never granted");

        users.update("johndoe", user -> user.setScopes(Set.of("me")));
        Exchange.Granted afterChange = (Exchange.Granted) tokens.rotate(narrowed.refreshToken(), null);
        assertEquals(Set.of(), afterChange.scopes());
    }

    @Test
    void expiredUnknownAndRevokedTokensAreRefused() {
        String token = issue(johndoe, Set.of("me"));
        assertInstanceOf(Exchange.Refused.class, tokens.rotate("no-such-token", null));

        now = now.plus(Duration.ofDays(7)).plusSeconds(1);
        assertEquals(new Exchange.Refused("expired refresh token"), tokens.rotate(token, null));

        String revoked = issue(johndoe, Set.of("me"));
        tokens.revoke(revoked, null);
        assertEquals(new Exchange.Refused("revoked refresh token"), tokens.rotate(revoked, null));
        tokens.revoke("never-issued", null);
    }

    @Test
    void aCodesSessionIsRevokedByItsClientOnlyAPasswordLoginsByWhoeverHoldsIt() {
        LoginSessions.CodeOrigin spa = new LoginSessions.CodeOrigin(null, "spa", now.toEpochMilli(), Set.of(),
                dev.oauth2jwt.access.AuthenticationMethods.PASSWORD_ONLY);
        String ofSpa = database.inTransaction(em -> loginSessions.start(em, johndoe.id(), johndoe.securityStamp(), Set.of("me"), spa))
                .orElseThrow().refreshToken();

        assertEquals(RefreshTokens.Revocation.NOT_THE_CLIENTS, tokens.revoke(ofSpa, null), "anonymous");
        assertEquals(RefreshTokens.Revocation.NOT_THE_CLIENTS, tokens.revoke(ofSpa, "another-client"));
        String next = assertInstanceOf(Exchange.Granted.class, tokens.rotate(ofSpa, null, "spa"), "nothing revoked").refreshToken();
        assertEquals(RefreshTokens.Revocation.DONE, tokens.revoke(next, "spa"));
        assertEquals(new Exchange.Refused("revoked refresh token"), tokens.rotate(next, null, "spa"));

        assertEquals(RefreshTokens.Revocation.DONE, tokens.revoke(issue(johndoe, Set.of("me")), "any-client"),
                "a password login's token names no client");
    }

    @Test
    void aRevocationEndsEarlierSessionsAndLoginsThatReadTheStateBeforeIt() {
        String before = issue(johndoe, Set.of("me"));
        users.update("johndoe", user -> user.revokeAllTokens(now.toEpochMilli()));

        assertEquals(new Exchange.Refused("revoked: password change, disabling or log out since the login"),
                tokens.rotate(before, null));
        assertEquals(Optional.empty(), loginSessions.start(johndoe, Set.of("me")), "a login that checked the password before");
        User current = users.findByUsername("johndoe").orElseThrow();
        assertInstanceOf(Exchange.Granted.class, tokens.rotate(issue(current, Set.of("me")), null), "a login after, at once");
    }

    @Test
    void aLoginSessionEndsAfterTheMaximumDaysHoweverOftenItIsRefreshed() {
        String token = issue(johndoe, Set.of("me"));
        for (int day = 6; day <= 24; day += 6) {
            now = now.plus(Duration.ofDays(6));
            token = ((Exchange.Granted) tokens.rotate(token, null)).refreshToken();
        }
        now = now.plus(Duration.ofDays(5));   // day 29: the new token may live one more day, not seven
        token = ((Exchange.Granted) tokens.rotate(token, null)).refreshToken();

        now = now.plus(Duration.ofDays(1)).plusSeconds(1);
        assertEquals(new Exchange.Refused("login session older than JWT_REFRESH_MAX_DAYS"), tokens.rotate(token, null));
    }

    @Test
    void theMaximumCannotBeShorterThanOneRefreshToken() {
        assertThrows(IllegalStateException.class, () -> new SessionSettings(Duration.ofDays(7), Duration.ofDays(6), 100));
        assertThrows(IllegalStateException.class, () -> new SessionSettings(Duration.ofDays(0), Duration.ofDays(30), 100));
        assertThrows(IllegalStateException.class, () -> new SessionSettings(Duration.ofDays(7), Duration.ofDays(30), 0));
    }

    @Test
    void aStartedSessionNeedsTheAccountToStillExist() {
        users.delete("johndoe");

        assertEquals(Optional.empty(), loginSessions.start(johndoe, Set.of("me")));
    }

    @Test
    void aDisabledOrDeletedUsersTokensAreRefused() {
        String token = issue(johndoe, Set.of("me"));
        String other = issue(johndoe, Set.of("me"));
        users.update("johndoe", user -> user.setDisabled(true));
        assertEquals(new Exchange.Refused("user disabled or deleted"), tokens.rotate(token, null));

        users.delete("johndoe");
        assertInstanceOf(Exchange.Refused.class, tokens.rotate(other, null));
        assertEquals(0L, (long) database.read(em -> em.createQuery("SELECT COUNT(t) FROM RefreshToken t", Long.class)
                .getSingleResult()), "deleted with the user");
    }

    @Test
    void onlyAHashOfEachTokenIsStored() {
        String token = issue(johndoe, Set.of("me"));

        List<String> stored = database.read(em -> em.createQuery("SELECT t.tokenHash FROM RefreshToken t", String.class)
                .getResultList());
        assertEquals(List.of(RefreshTokens.sha256(token)), stored);
        assertTrue(stored.stream().noneMatch(hash -> hash.contains(token)));
    }
}
