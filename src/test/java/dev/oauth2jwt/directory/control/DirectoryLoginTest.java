package dev.oauth2jwt.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.directory.control.DirectoryLogin.Answer;
import dev.oauth2jwt.directory.entity.DirectoryEntry;
import dev.oauth2jwt.directory.entity.DirectoryEntry.Standing;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which password counts for a name (local or directory, as LDAP_PRECEDENCE says, never both), the
 * directory's refusals, an outage, and the accounts: made at the first login, linked by the
 * entry's id, never by name, brought up to date, their tokens revoked when the directory ends them.
 * The directory and the account store are fakes; DirectoryTest and DirectoryIT use real directories.
 */
class DirectoryLoginTest {

    final Map<String, User> accounts = new HashMap<>();
    final Map<String, DirectoryEntry> entries = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    boolean directoryDown;
    DirectorySettings.Precedence precedence = DirectorySettings.Precedence.LOCAL;
    DirectoryLogin login;
    DirectoryAccounts directoryAccounts;

    @BeforeEach
    void setUp() {
        UserStore store = new UserStore() {
            @Override
            public Optional<User> findByUsername(String username) {
                return Optional.ofNullable(accounts.get(username));
            }

            @Override
            public Optional<User> findByDirectoryId(String id) {
                return accounts.values().stream().filter(user -> user.directoryId().filter(id::equals).isPresent()).findFirst();
            }

            @Override
            public boolean create(User user) {
                return accounts.putIfAbsent(user.username(), user) == null;
            }

            @Override
            public Optional<User> update(String username, Consumer<User> change) {
                Optional<User> user = findByUsername(username);
                user.ifPresent(change);
                return user;
            }
        };
        Directory directory = new Directory() {
            @Override
            public Optional<DirectoryEntry> findByName(String name) {
                asked.add("search " + name);
                down();
                return Optional.ofNullable(entries.get(name));
            }

            @Override
            public Optional<DirectoryEntry> findById(String id) {
                asked.add("search id " + id);
                down();
                return entries.values().stream().filter(entry -> entry.id().equals(id)).findFirst();
            }

            @Override
            public Bind bind(String dn, String password) {
                asked.add("bind " + dn);
                down();
                return password.equals(passwords.get(dn)) ? Bind.ACCEPTED : Bind.REFUSED;
            }

            @Override
            public void bindNobody(String password) {
                asked.add("bind nobody");
            }

            private void down() {
                if (directoryDown) {
                    throw new DirectoryUnavailableException("connect error");
                }
            }
        };
        directoryAccounts = new DirectoryAccounts();
        directoryAccounts.store = store;
        directoryAccounts.directory = directory;
        login = new DirectoryLogin();
        login.store = store;
        login.directory = directory;
        login.accounts = directoryAccounts;
        configure(true);
        accounts.put("admin", new User("admin", null, null, "$2a$12$local", false, Set.of("me", "admin")));
        person("alice", "id-alice", Standing.ACTIVE, "cn=admins,ou=groups,dc=example,dc=org");
        person("admin", "id-admin", Standing.ACTIVE);
        person("locked", "id-locked", Standing.LOCKED);
    }

    void configure(boolean withDirectory) {
        DirectoryKind kind = DirectoryKind.OPENLDAP;
        DirectorySettings settings = withDirectory ? new DirectorySettings(List.of("ldap://127.0.0.1:1"), kind, false, Optional.empty(),
                Optional.empty(), Optional.empty(), "ou=people,dc=example,dc=org", kind.userFilter, kind.usernameAttribute,
                kind.idAttribute, kind.emailAttribute, kind.fullNameAttribute, true, Optional.empty(), kind.groupFilter,
                DirectorySettings.parseGroupScopes("cn=admins,ou=groups,dc=example,dc=org:admin"), Set.of("me", "items"), precedence,
                1000, 1000, 2, 100, 60).checked() : DirectorySettings.none();
        login.settings = settings;
        directoryAccounts.settings = settings;
        directoryAccounts.init();
    }

    void person(String name, String id, Standing standing, String... groups) {
        String dn = "uid=" + name + ",ou=people,dc=example,dc=org";
        entries.put(name, new DirectoryEntry(dn, id, name, name + "@example.org", name + " Example",
                Set.of(groups).stream().map(DirectorySettings::normalizedDn).collect(java.util.stream.Collectors.toSet()), standing));
        passwords.put(dn, name + "-password");
    }

    @Test
    void withoutADirectoryEveryPasswordIsCheckedHere() {
        configure(false);
        assertInstanceOf(Answer.Local.class, login.authenticate("alice", "alice-password"));
        assertEquals(List.of(), asked);
    }

    @Test
    void theFirstLoginMakesAnAccountLinkedByTheEntrysIdWithItsProfileAndScopes() {
        User alice = assertInstanceOf(Answer.SignedIn.class, login.authenticate("alice", "alice-password")).user();

        assertEquals(Optional.of("id-alice"), alice.directoryId());
        assertEquals("alice@example.org", alice.email());
        assertTrue(alice.emailVerified());
        assertEquals(Set.of("me", "items", "admin"), alice.scopes());
        assertEquals(List.of("search alice", "bind uid=alice,ou=people,dc=example,dc=org"), asked);
        assertTrue(alice.tokensValidAfter() > 0, "no token from before the account existed works for it");
    }

    @Test
    void aRenamedEntryKeepsItsAccountAndANewEntryUnderAnOldNameGetsNone() {
        User alice = assertInstanceOf(Answer.SignedIn.class, login.authenticate("alice", "alice-password")).user();
        DirectoryEntry renamed = entries.remove("alice");
        entries.put("alicia", new DirectoryEntry(renamed.dn(), renamed.id(), "alicia", renamed.email(), "Alicia", Set.of(),
                Standing.ACTIVE));
        assertEquals(alice, assertInstanceOf(Answer.SignedIn.class, login.authenticate("alicia", "alice-password")).user());
        assertEquals(Set.of("me", "items"), alice.scopes(), "out of the admins group: the scope goes");
        assertEquals("Alicia", alice.fullName());

        person("alice", "id-another-alice", Standing.ACTIVE);
        passwords.put("uid=alice,ou=people,dc=example,dc=org", "new-alice-password");
        assertEquals("name held by another directory entry",
                assertInstanceOf(Answer.Refused.class, login.authenticate("alice", "new-alice-password")).reason());
    }

    @Test
    void aLocalAccountIsTheLocalOnesWithLocalPrecedenceAndTheDirectoryIsNotAsked() {
        assertInstanceOf(Answer.Local.class, login.authenticate("admin", "admin-password"));
        assertEquals(List.of(), asked);
    }

    @Test
    void withDirectoryPrecedenceTheDirectoryDecidesANameItHasAndNeverBoth() {
        precedence = DirectorySettings.Precedence.DIRECTORY;
        configure(true);

        assertInstanceOf(Answer.Refused.class, login.authenticate("admin", "the-local-password"), "the local password is not tried");
        assertEquals("name held by a local account",
                assertInstanceOf(Answer.Refused.class, login.authenticate("admin", "admin-password")).reason(),
                "nor does the directory's person get the local account");
        entries.remove("admin");
        assertInstanceOf(Answer.Local.class, login.authenticate("admin", "the-local-password"), "a name the directory lacks");
        directoryDown = true;
        assertInstanceOf(Answer.Local.class, login.authenticate("admin", "the-local-password"), "local accounts work through an outage");
    }

    @Test
    void theThrottleCountsANameAsTheDirectoryMatchesIt() {
        assertEquals("amber", login.throttleKey(" Amber  "));
        assertEquals("amber smith", login.throttleKey("AMBER   Smith"));
        configure(false);
        assertEquals(" Amber  ", login.throttleKey(" Amber  "), "local names are exact");
    }

    @Test
    void theDirectorysRefusalsAndAnOutage() {
        assertEquals("wrong password", assertInstanceOf(Answer.Refused.class, login.authenticate("alice", "guess")).reason());
        assertEquals("locked in the directory",
                assertInstanceOf(Answer.Refused.class, login.authenticate("locked", "locked-password")).reason());
        asked.clear();
        assertEquals("unknown user", assertInstanceOf(Answer.Refused.class, login.authenticate("nobody", "x")).reason());
        assertEquals(List.of("search nobody", "bind nobody"), asked, "a search and a bind, as for a wrong password");
        directoryDown = true;
        assertThrows(DirectoryUnavailableException.class, () -> login.authenticate("alice", "alice-password"));
    }

    @Test
    void aRecheckEndsTheTokensOfAnEntryGoneOrLockedAndTrustsItsLastWordForAWhile() {
        User alice = assertInstanceOf(Answer.SignedIn.class, login.authenticate("alice", "alice-password")).user();
        String stamp = alice.securityStamp();
        asked.clear();
        assertEquals(DirectoryAccounts.Recheck.CONFIRMED, directoryAccounts.recheck(alice));
        assertEquals(DirectoryAccounts.Recheck.CONFIRMED, directoryAccounts.recheck(alice));
        assertEquals(List.of("search id id-alice", "search alice"), asked, "asked once within LDAP_RECHECK_SECONDS");

        directoryAccounts.init();   // a new cache: the next refresh asks
        DirectoryEntry entry = entries.get("alice");
        entries.put("alice", new DirectoryEntry(entry.dn(), entry.id(), "alice", null, null, Set.of(), Standing.DISABLED));
        assertEquals(DirectoryAccounts.Recheck.ENDED, directoryAccounts.recheck(alice));
        assertTrue(!alice.securityStamp().equals(stamp), "every session of the account ended");

        directoryAccounts.init();
        entries.remove("alice");
        assertEquals(DirectoryAccounts.Recheck.ENDED, directoryAccounts.recheck(alice));

        directoryAccounts.init();
        directoryDown = true;
        assertThrows(DirectoryUnavailableException.class, () -> directoryAccounts.recheck(alice), "an outage ends nothing");
    }
}
