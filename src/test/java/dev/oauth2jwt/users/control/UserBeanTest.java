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

    @BeforeEach
    void setUp() {
        PasswordHasher hasher = PasswordHasherTest.hasher(4);
        Map<String, User> accounts = Map.of(
                "johndoe", new User("johndoe", null, null, hasher.hash("secret"), false, Set.of()),
                "alice", new User("alice", null, null, hasher.hash("secretalice"), true, Set.of()),
                "broken", new User("broken", null, null, "$2b$04$not-a-hash", false, Set.of()));
        users = new UserBean();
        users.hasher = hasher;
        users.store = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.ofNullable(accounts.get(username));
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
}
