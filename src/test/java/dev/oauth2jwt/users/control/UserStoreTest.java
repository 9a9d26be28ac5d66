package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.persistence.control.TestDatabases;
import dev.oauth2jwt.users.entity.User;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on a real H2, migrated by Flyway, through EclipseLink: no server needed. */
class UserStoreTest {

    static final String HASH = PasswordHasherTest.SEED_JOHNDOE;

    Database database;
    UserStore store;
    long nanos = 1_000_000_000L;

    @BeforeEach
    void start() {
        database = TestDatabases.freshH2();
        store = TestUserStores.on(database);
        store.nanoTime = () -> nanos;
    }

    @AfterEach
    void stop() {
        TestDatabases.stop(database);
    }

    static User user(String username, String fullName) {
        return new User(username, username + "@example.com", fullName, HASH, false, Set.of("me"));
    }

    @Test
    void findsUsersByExactUsername() {
        store.importUsers(List.of(user("johndoe", "John Doe")));

        User found = store.findByUsername("johndoe").orElseThrow();
        assertEquals("John Doe", found.fullName());
        assertEquals(HASH, found.hashedPassword());
        assertEquals(Set.of("me"), found.scopes());
        assertFalse(store.findByUsername("JohnDoe").isPresent(), "usernames are case-sensitive, as the seed's dict");
        assertFalse(store.findByUsername("nobody").isPresent());
    }

    @Test
    void createsOnlyMissingUsersAndNeverOverwrites() {
        assertEquals(1, store.importUsers(List.of(user("johndoe", "John Doe"))));

        int created = store.importUsers(List.of(user("johndoe", "Changed Name"), user("alice", "Alice")));

        assertEquals(1, created);
        assertEquals("John Doe", store.findByUsername("johndoe").orElseThrow().fullName());
        assertTrue(store.findByUsername("alice").isPresent());
    }

    @Test
    void anImportNeverBringsBackADeletedAccount() {
        store.importUsers(List.of(user("johndoe", "John Doe")));
        store.delete("johndoe");

        assertEquals(0, store.importUsers(List.of(user("johndoe", "John Doe"), user("alice", "Alice"))) - 1);
        assertFalse(store.findByUsername("johndoe").isPresent(), "deleted by an administrator: stays deleted");
        assertTrue(store.findByUsername("alice").isPresent(), "a name never seen is imported");
    }

    @Test
    void anImportNeverCreatesANameAnAdministratorUsed() {
        store.create(user("carol", "Carol by the admin"));
        store.delete("carol");

        assertEquals(0, store.importUsers(List.of(user("carol", "Carol from the file"))));
    }

    @Test
    void aFailingImportWritesNothing() {
        User tooLong = new User("bob", "x".repeat(400) + "@example.com", "Bob", HASH, false, Set.of());

        assertThrows(PersistenceException.class, () -> store.importUsers(List.of(user("carol", "Carol"), tooLong)));

        assertFalse(store.findByUsername("carol").isPresent(), "one transaction: all or nothing");
    }

    @Test
    void usersSurviveAStoreRestartOnTheSameDatabase() {
        store.importUsers(List.of(user("johndoe", "John Doe")));

        UserStore another = TestUserStores.on(database);
        assertTrue(another.findByUsername("johndoe").isPresent());
    }

    @Test
    void theTokenCheckSeesAChangeMadeHereAtOnce() {
        store.importUsers(List.of(user("johndoe", "John Doe")));
        assertFalse(store.findForTokenCheck("johndoe").orElseThrow().disabled());

        store.update("johndoe", user -> user.setDisabled(true));

        assertTrue(store.findForTokenCheck("johndoe").orElseThrow().disabled());
        store.delete("johndoe");
        assertFalse(store.findForTokenCheck("johndoe").isPresent());
    }

    @Test
    void theTokenCheckSeesAChangeMadeElsewhereWithinASecond() {
        store.importUsers(List.of(user("johndoe", "John Doe")));
        assertFalse(store.findForTokenCheck("johndoe").orElseThrow().disabled());
        UserStore otherInstance = TestUserStores.on(database);

        otherInstance.update("johndoe", user -> user.setDisabled(true));
        nanos += 999_000_000L;
        assertFalse(store.findForTokenCheck("johndoe").orElseThrow().disabled(), "still the cached copy");

        nanos += 1_000_000L;
        assertTrue(store.findForTokenCheck("johndoe").orElseThrow().disabled(), "a second later: read again");
    }

    @Test
    void theCacheCannotBeConfiguredPastASecond() {
        assertThrows(IllegalStateException.class, () -> new dev.oauth2jwt.caching.CacheSettings(1001));
        assertThrows(IllegalStateException.class, () -> new dev.oauth2jwt.caching.CacheSettings(-1));
    }
}
