package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.users.control.UserBean.Outcome;
import dev.oauth2jwt.users.entity.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login decision with an in-memory store: pure logic, the bcrypt work counted. */
class UserBeanTest {

    UserBean users;
    List<Integer> work;
    final Map<String, User> accounts = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        PasswordHasher hasher = PasswordHasherTest.hasher(4);
        accounts.put("johndoe", new User("johndoe", null, null, hasher.hash("secret"), false, Set.of()));
        accounts.put("alice", new User("alice", null, null, hasher.hash("secretalice"), true, Set.of()));
        accounts.put("broken", new User("broken", null, null, "$2b$04$not-a-hash", false, Set.of()));
        accounts.put("django", new User("django", null, null, PasswordHasherTest.DJANGO, false, Set.of()));
        users = new UserBean();
        users.hasher = hasher;
        users.store = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.ofNullable(accounts.get(username));
            }

            @Override
            public Optional<User> update(String username, java.util.function.Consumer<User> change) {
                Optional<User> user = findByUsername(username);
                user.ifPresent(change);
                return user;
            }
        };
        work = PasswordHasherTest.countWork(hasher);
    }

    @Test
    void theRightPasswordLogsInDisabledUsersIncluded() {
        assertEquals("johndoe", users.authenticate("johndoe", "secret").user().orElseThrow().username());
        assertTrue(users.authenticate("alice", "secretalice").user().orElseThrow().disabled());
    }

    @Test
    void everyFailureIsTheSameWorkAndNamesItsReasonForTheAuditOnly() {
        assertEquals(Outcome.WRONG_PASSWORD, users.authenticate("johndoe", "wrong").outcome());
        assertEquals(Outcome.UNKNOWN_USER, users.authenticate("nobody", "secret").outcome());
        assertEquals(Outcome.CORRUPT_HASH, users.authenticate("broken", "secret").outcome());
        assertEquals(Outcome.PASSWORD_TOO_LONG, users.authenticate("johndoe", "secret" + "x".repeat(80)).outcome());

        assertEquals(List.of(4, 4, 4, 4), work, "one bcrypt computation at the configured cost each");
    }

    @Test
    void failuresCarryNoUser() {
        assertTrue(users.authenticate("johndoe", "wrong").user().isEmpty());
        assertTrue(users.authenticate("nobody", "secret").user().isEmpty());
        assertTrue(users.authenticate("broken", "secret").user().isEmpty());
    }

    @Test
    void aDjangoUserLogsInAndTheirHashBecomesBcrypt() {
        User user = users.authenticate("django", "django-password").user().orElseThrow();

        assertTrue(user.hashedPassword().startsWith("$2a$04$"), user.hashedPassword());
        assertEquals(PasswordHasher.Check.MATCH, users.hasher.check("django-password", accounts.get("django").hashedPassword()));
        assertEquals(0, user.tokensValidAfter(), "a rehash is no password change: tokens stay valid");
    }

    @Test
    void aHashBelowTheConfiguredCostIsUpgradedAtLogin() {
        users.hasher.cost = 5;

        String upgraded = users.authenticate("johndoe", "secret").user().orElseThrow().hashedPassword();

        assertTrue(upgraded.startsWith("$2a$05$"), upgraded);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndRevokesEveryToken() {
        users.clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-26T12:00:00.250Z"), java.time.ZoneOffset.UTC);

        assertEquals(false, users.changePassword("johndoe", "wrong", "a new password"));
        assertEquals(true, users.changePassword("johndoe", "secret", "a new password"));

        User user = accounts.get("johndoe");
        assertEquals(PasswordHasher.Check.MATCH, users.hasher.check("a new password", user.hashedPassword()));
        assertEquals(java.time.Instant.parse("2026-11-26T12:00:01Z").getEpochSecond(), user.tokensValidAfter());
    }

    @Test
    void aLoginIssuesFromTheAccountAsItWasReadBeforeThePasswordCheck() {
        User read = accounts.get("johndoe");
        String stampAtLogin = read.securityStamp();

        User authenticated = users.authenticate("johndoe", "secret").user().orElseThrow();

        assertEquals(stampAtLogin, authenticated.securityStamp());
    }

    @Test
    void aRevocationRefusesItsWholeSecondAndReplacesTheSecurityStamp() {
        User user = new User("quick", null, null, "hash", false, Set.of());
        String stamp = user.securityStamp();
        long now = java.time.Instant.parse("2026-11-26T12:00:00.999Z").toEpochMilli();

        user.revokeAllTokens(now);

        // a token without a session issued in that second, before or after the revocation, has iat 12:00:00
        assertEquals(java.time.Instant.parse("2026-11-26T12:00:01Z").getEpochSecond(), user.tokensValidAfter());
        assertTrue(!user.securityStamp().equals(stamp), "every login session of the account ends");
        String second = user.securityStamp();
        user.revokeAllTokens(now);
        assertTrue(!user.securityStamp().equals(second), "each revocation, however close, gets its own stamp");
    }
}
