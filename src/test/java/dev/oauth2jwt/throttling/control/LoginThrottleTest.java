package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.housekeeping.Housekeeping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.testing.TestClocks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle on a real H2 database, with a clock the test moves. */
class LoginThrottleTest {

    Database database;
    LoginThrottle throttle;
    Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        throttle = throttleOn(database);
    }

    LoginThrottle throttleOn(Database db) {
        return TestThrottles.on(db, () -> now);
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(username, address);
        }
    }

    long retryAfter(String username, String address) {
        return throttle.check(username, address).retryAfterSeconds();
    }

    @Test
    void tenFailuresForAUsernameFromOneAddressThrottleThatAddressOnly() {
        fail("johndoe", "192.0.2.1", 9);
        assertEquals(0, retryAfter("johndoe", "192.0.2.1"));

        fail("johndoe", "192.0.2.1", 1);

        assertEquals(1, retryAfter("johndoe", "192.0.2.1"));
        assertEquals(0, retryAfter("johndoe", "192.0.2.3"), "the real user, elsewhere, is never refused");
        assertEquals(0, retryAfter("alice", "192.0.2.1"), "other users are not affected");
    }

    @Test
    void failuresForAUsernameFromEverywhereOnlySlowItDown() {
        for (int i = 0; i < 9; i++) {
            fail("johndoe", "192.0.2." + i, 1);
        }
        assertEquals(new LoginThrottle.Verdict(0, 0, false), throttle.check("johndoe", "198.51.100.1"));

        fail("johndoe", "192.0.2.9", 1);
        assertEquals(new LoginThrottle.Verdict(0, 1000, false), throttle.check("johndoe", "198.51.100.1"));
        fail("johndoe", "192.0.2.10", 1);
        assertEquals(new LoginThrottle.Verdict(0, 2000, false), throttle.check("johndoe", "198.51.100.1"));
        fail("johndoe", "192.0.2.11", 5);
        assertEquals(new LoginThrottle.Verdict(0, 3000, false), throttle.check("johndoe", "198.51.100.1"), "at most 3 s");
        assertEquals(0, throttle.check("alice", "198.51.100.1").slowdownMillis());

        now = now.plus(Duration.ofMinutes(16));
        assertEquals(new LoginThrottle.Verdict(0, 0, false), throttle.check("johndoe", "198.51.100.1"), "the window passed");
    }

    @Test
    void aSuccessResetsTheCountOfItsOwnAddressOnly() {
        fail("johndoe", "192.0.2.1", 9);
        fail("johndoe", "192.0.2.2", 9);

        throttle.recordSuccess("johndoe", "192.0.2.1");
        fail("johndoe", "192.0.2.1", 9);
        fail("johndoe", "192.0.2.2", 1);

        assertEquals(0, retryAfter("johndoe", "192.0.2.1"));
        assertEquals(1, retryAfter("johndoe", "192.0.2.2"), "the attacker's count goes on");
    }

    @Test
    void aHundredFailuresFromAnAddressThrottleItForEveryUsername() {
        for (int i = 0; i < 100; i++) {
            throttle.recordFailure("user" + i, "198.51.100.7");
        }

        assertEquals(1, retryAfter("johndoe", "198.51.100.7"));
        assertEquals(0, retryAfter("johndoe", "198.51.100.8"));
    }

    @Test
    void refusedRefreshTokensCountForTheAddress() {
        for (int i = 0; i < 100; i++) {
            throttle.recordFailure(null, "198.51.100.7");
        }

        assertEquals(1, retryAfter(null, "198.51.100.7"));
        assertEquals(1, retryAfter("johndoe", "198.51.100.7"), "logins from there too");
        assertEquals(0, countRows("user:%") + countRows("pair:%"));
    }

    @Test
    void failedClientAuthenticationsCountLikeFailedLoginsApartFromUsers() {
        for (int i = 0; i < 10; i++) {
            throttle.recordClientFailure("reports", "192.0.2.1");
        }

        assertEquals(1, throttle.checkClient("reports", "192.0.2.1").retryAfterSeconds());
        assertEquals(0, throttle.checkClient("reports", "192.0.2.2").retryAfterSeconds(), "the real client, elsewhere");
        assertEquals(0, retryAfter("reports", "192.0.2.1"), "a user of the same name is another account");
        throttle.recordClientSuccess("reports", "192.0.2.2");
        assertEquals(1, throttle.checkClient("reports", "192.0.2.1").retryAfterSeconds(), "a success elsewhere clears nothing here");
    }

    @Test
    void aClientsSuccessClearsItsFailuresFromThatAddressWhenItsCheckCountedAnyAndWritesNothingOtherwise() {
        LoginThrottle.Verdict clean = throttle.admit(LoginThrottle.Attempt.CLIENT, "reports", "192.0.2.1");
        assertFalse(clean.pairCounted());
        throttle.recordClientFailure("reports", "192.0.2.1");   // another request's wrong secret, meanwhile
        throttle.succeeded(LoginThrottle.Attempt.CLIENT, "reports", "192.0.2.1", clean);
        assertEquals(1, countRows("pair:%"), "a success that saw no failure deletes nothing");

        for (int i = 0; i < 8; i++) {
            throttle.recordClientFailure("reports", "192.0.2.1");
        }
        LoginThrottle.Verdict counted = throttle.admit(LoginThrottle.Attempt.CLIENT, "reports", "192.0.2.1");
        assertTrue(counted.pairCounted());
        throttle.succeeded(LoginThrottle.Attempt.CLIENT, "reports", "192.0.2.1", counted);
        assertEquals(0, countRows("pair:%"), "a success that saw them clears them");
        throttle.recordClientFailure("reports", "192.0.2.1");
        assertEquals(0, throttle.checkClient("reports", "192.0.2.1").retryAfterSeconds(), "the count started again: 1, not 10");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        for (int i = 1; i <= 10; i++) {
            throttle.recordFailure("johndoe", "2001:db8:1:2::" + Integer.toHexString(i));
        }

        assertEquals(1, retryAfter("johndoe", "2001:db8:1:2:ffff:ffff:ffff:ffff"), "the same /64");
        assertEquals(0, retryAfter("johndoe", "2001:db8:1:3::1"), "the next /64");
    }

    @Test
    void delaysGrowAndEndWithTheWindow() {
        fail("johndoe", "192.0.2.1", 10);
        now = now.plusSeconds(1);
        fail("johndoe", "192.0.2.1", 1);
        assertEquals(2, retryAfter("johndoe", "192.0.2.1"));

        now = now.plus(Duration.ofMinutes(16));
        assertEquals(0, retryAfter("johndoe", "192.0.2.1"), "never a permanent lock");
    }

    @Test
    void namesNoAccountCouldHaveAreCountedPerAddressOnly() {
        fail("no such name with spaces", "192.0.2.9", 20);

        assertEquals(0, retryAfter("johndoe", "192.0.2.10"));
        assertEquals(0, countRows("user:%") + countRows("pair:%"));
    }

    @Test
    void countsAreSharedByEveryInstanceOnTheDatabase() {
        LoginThrottle otherInstance = throttleOn(database);
        fail("johndoe", "192.0.2.1", 5);
        for (int i = 0; i < 5; i++) {
            otherInstance.recordFailure("johndoe", "192.0.2.1");
        }

        assertEquals(1, retryAfter("johndoe", "192.0.2.1"));
        assertEquals(1, otherInstance.check("johndoe", "192.0.2.1").retryAfterSeconds());
    }

    @Test
    void aFloodOfDistinctUsernamesLeavesNoRowsOnceTheWindowHasPassed() {
        for (int i = 0; i < 500; i++) {
            throttle.recordFailure("flood" + i, "203.0.113." + (i % 200));
        }
        assertTrue(countRows("%") > 500);

        now = now.plus(Duration.ofMinutes(20));
        throttle.recordFailure("one-more", "192.0.2.1");
        throttle.cleanUp();   // what Housekeeping does every minute

        assertEquals(3, countRows("%"), "only the last failure's three counters are left");
    }

    long countRows(String pattern) {
        return database.read(em -> em.createQuery("SELECT COUNT(c) FROM FailureCounter c WHERE c.key LIKE :p", Long.class)
                .setParameter("p", pattern)
                .getSingleResult());
    }
}
