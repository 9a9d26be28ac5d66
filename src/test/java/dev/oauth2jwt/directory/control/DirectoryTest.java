package dev.oauth2jwt.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import dev.oauth2jwt.directory.entity.DirectoryEntry;
import dev.oauth2jwt.directory.entity.DirectoryEntry.Standing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory client against UnboundID's in-memory directory server: finding people without
 * filter injection, binds (an empty password never succeeds), the directory's word on disabled and
 * locked entries, groups, Active Directory's shape (objectGUID, sAMAccountName, userPrincipalName,
 * memberOf, userAccountControl), failover to a second URL, and recovery after an outage.
 */
class DirectoryTest {

    static final String BASE = "dc=example,dc=org";
    static final String PEOPLE = "ou=people," + BASE;
    static final String GROUPS = "ou=groups," + BASE;
    static final String ADMINS = "cn=api-admins," + GROUPS;

    InMemoryDirectoryServer first;
    InMemoryDirectoryServer second;
    Directory directory;

    @BeforeEach
    void directories() throws Exception {
        first = server();
        second = server();
    }

    @AfterEach
    void stop() {
        if (directory != null) {
            directory.close();
        }
        first.shutDown(true);
        second.shutDown(true);
    }

    static InMemoryDirectoryServer server() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);   // Active Directory's attributes beside OpenLDAP's
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        // as slapd with "allow bind_anon_dn": a name without a password is an unauthenticated bind, answered with success
        config.addInMemoryOperationInterceptor(new com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest request) {
                if (request.getRequest().getPassword().getValueLength() == 0) {
                    request.setRequest(new com.unboundid.ldap.sdk.SimpleBindRequest());
                }
            }
        });
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: CN=Users," + BASE, "objectClass: container", "cn: Users");
        person(server, "alice", "Alice Liddell", "alice-password");
        person(server, "bob", "Bob Builder", "bob-password");
        person(server, "a*", "Star", "star-password");
        server.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: api-admins", "member: uid=alice," + PEOPLE);
        server.startListening();
        return server;
    }

    static void person(InMemoryDirectoryServer server, String uid, String name, String password) throws Exception {
        server.add("dn: uid=" + uid.replace("*", "\\2a") + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name,
                "sn: " + name, "mail: " + uid.replace("*", "star") + "@example.org", "userPassword: " + password);
    }

    static String url(InMemoryDirectoryServer server) {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    static DirectorySettings settings(List<String> urls, DirectoryKind kind, String userBase, Optional<String> groupBase) {
        return new DirectorySettings(urls, kind, false, Optional.empty(), Optional.empty(), Optional.empty(), userBase,
                kind.userFilter, kind.usernameAttribute, kind.idAttribute, kind.emailAttribute, kind.fullNameAttribute, false, groupBase,
                kind.groupFilter, DirectorySettings.parseGroupScopes(ADMINS + ":admin"), Set.of("me", "items"),
                DirectorySettings.Precedence.LOCAL, 500, 2000, 2, 200, 60).checked();
    }

    Directory directory(DirectorySettings settings) {
        directory = Directory.of(settings);
        return directory;
    }

    Directory openLdap(String... urls) {
        return directory(settings(List.of(urls), DirectoryKind.OPENLDAP, PEOPLE, Optional.of(GROUPS)));
    }

    @Test
    void findsAPersonByNameWithTheirProfileGroupsAndImmutableId() throws Exception {
        DirectoryEntry alice = openLdap(url(first)).findByName("alice").orElseThrow();

        assertEquals("uid=alice," + PEOPLE, alice.dn());
        assertEquals("alice", alice.username());
        assertEquals("alice@example.org", alice.email());
        assertEquals("Alice Liddell", alice.fullName());
        assertEquals(Set.of(DirectorySettings.normalizedDn(ADMINS)), alice.groups());
        assertEquals(Standing.ACTIVE, alice.standing());
        assertEquals(first.getEntry("uid=alice," + PEOPLE, "entryUUID").getAttributeValue("entryUUID"), alice.id());
        assertEquals(alice, directory.findById(alice.id()).orElseThrow());
        assertEquals(Set.of("me", "items", "admin"), directory.settings.scopesOf(alice.groups()));
        assertEquals(Set.of("me", "items"), directory.settings.scopesOf(directory.findByName("bob").orElseThrow().groups()));
    }

    @Test
    void aNameIsEscapedAsRfc4515SaysSoItMatchesOnlyItself() {
        Directory directory = openLdap(url(first));
        assertEquals("(uid=\\2a)", directory.settings.userFilterFor("*").toString());
        assertEquals("(uid=\\28\\29\\5c\\00)", directory.settings.userFilterFor("()\\\u0000").toString());

        for (String injected : List.of("*", "a*", "*)(uid=*", "alice)(|(uid=*", "(", ")", "\\", "alice\u0000", "\u0000", "al*ce",
                "*)(objectClass=*")) {
            Optional<DirectoryEntry> found = directory.findByName(injected);
            assertTrue(found.isEmpty() || found.get().username().equals(injected), injected + " found " + found);
        }
        assertEquals("a*", directory.findByName("a*").orElseThrow().username(), "a name with a star is still a name");
    }

    @Test
    void theRightPasswordBindsAWrongOneOrAnEmptyOneNever() throws Exception {
        Directory directory = openLdap(url(first));
        String dn = directory.findByName("alice").orElseThrow().dn();
        assertEquals(Directory.Bind.ACCEPTED, directory.bind(dn, "alice-password"));
        assertEquals(Directory.Bind.REFUSED, directory.bind(dn, "wrong"));
        assertEquals(Directory.Bind.REFUSED, directory.bind("uid=nobody," + PEOPLE, "alice-password"));

        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", first.getListenPort())) {
            com.unboundid.ldap.sdk.LDAPConnectionOptions options = new com.unboundid.ldap.sdk.LDAPConnectionOptions();
            options.setBindWithDNRequiresPassword(false);
            connection.setConnectionOptions(options);
            assertEquals(ResultCode.SUCCESS, connection.bind(dn, "").getResultCode(), "the server says yes to an unauthenticated bind");
        }
        assertEquals(Directory.Bind.REFUSED, directory.bind(dn, ""), "never a login");
        assertEquals(Directory.Bind.REFUSED, directory.bind("", "alice-password"), "an anonymous bind is never a login");
    }

    @Test
    void aGroupBaseThatDoesNotExistLeavesPeopleWithoutGroupsNotLockedOut() {
        Directory directory = directory(settings(List.of(url(first)), DirectoryKind.OPENLDAP, PEOPLE,
                Optional.of("ou=nowhere," + BASE)));
        DirectoryEntry alice = directory.findByName("alice").orElseThrow();
        assertEquals(Set.of(), alice.groups());
        assertEquals(Directory.Bind.ACCEPTED, directory.bind(alice.dn(), "alice-password"));
    }

    @Test
    void aNameTwoEntriesHaveLogsNobodyIn() throws Exception {
        first.add("dn: uid=alice,ou=groups," + BASE, "objectClass: inetOrgPerson", "uid: alice", "cn: Another Alice", "sn: Alice");
        Directory directory = directory(settings(List.of(url(first)), DirectoryKind.OPENLDAP, BASE, Optional.empty()));
        assertTrue(directory.findByName("alice").isEmpty());
        assertEquals("bob", directory.findByName("bob").orElseThrow().username());
    }

    @Test
    void aLockedEntryIsSaidToBeLocked() throws Exception {
        first.modify("dn: uid=bob," + PEOPLE, "changetype: modify", "add: pwdAccountLockedTime", "pwdAccountLockedTime: 000001010000Z");
        assertEquals(Standing.LOCKED, openLdap(url(first)).findByName("bob").orElseThrow().standing());
    }

    @Test
    void activeDirectorysShapeObjectGuidUserPrincipalNameMemberOfAndTheDisabledBit() throws Exception {
        UUID guid = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        byte[] bytes = Directory.guidBytes(guid);
        assertEquals("e004253f", String.format("%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]),
                "objectGUID's first field is little-endian");
        first.add(new com.unboundid.ldap.sdk.Entry("CN=Carol Danvers,CN=Users," + BASE,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new com.unboundid.ldap.sdk.Attribute("cn", "Carol Danvers"),
                new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "carol"),
                new com.unboundid.ldap.sdk.Attribute("userPrincipalName", "carol@example.test"),
                new com.unboundid.ldap.sdk.Attribute("displayName", "Carol Danvers"),
                new com.unboundid.ldap.sdk.Attribute("mail", "carol@example.test"),
                new com.unboundid.ldap.sdk.Attribute("memberOf", "CN=API Admins,CN=Users," + BASE),
                new com.unboundid.ldap.sdk.Attribute("userAccountControl", "512"),
                new com.unboundid.ldap.sdk.Attribute("objectGUID", bytes),
                new com.unboundid.ldap.sdk.Attribute("userPassword", "Carol!Passw0rd")));
        Directory directory = directory(settings(List.of(url(first)), DirectoryKind.ACTIVE_DIRECTORY, BASE, Optional.empty()));

        DirectoryEntry bySam = directory.findByName("carol").orElseThrow();
        assertEquals(bySam, directory.findByName("carol@example.test").orElseThrow());
        assertEquals(guid.toString(), bySam.id());
        assertEquals("carol", bySam.username());
        assertEquals("Carol Danvers", bySam.fullName());
        assertEquals(Set.of(DirectorySettings.normalizedDn("cn=api admins,cn=users," + BASE)), bySam.groups());
        assertEquals(bySam, directory.findById(guid.toString()).orElseThrow());
        assertEquals(Standing.ACTIVE, bySam.standing());

        first.modify("dn: CN=Carol Danvers,CN=Users," + BASE, "changetype: modify", "replace: userAccountControl",
                "userAccountControl: 514");
        assertEquals(Standing.DISABLED, directory.findByName("carol").orElseThrow().standing());
    }

    @Test
    void theNextUrlAnswersWhenTheFirstIsDownAndNoneIsUnavailable() throws Exception {
        int firstPort = first.getListenPort();
        first.shutDown(true);
        Directory directory = openLdap("ldap://127.0.0.1:" + firstPort, url(second));
        assertEquals("alice", directory.findByName("alice").orElseThrow().username());
        assertEquals(Directory.Bind.ACCEPTED, directory.bind("uid=alice," + PEOPLE, "alice-password"));
        assertEquals(new Directory.Health(true, "UP"), directory.health());

        int secondPort = second.getListenPort();
        second.shutDown(true);
        assertThrows(DirectoryUnavailableException.class, () -> directory.findByName("alice"));
        assertThrows(DirectoryUnavailableException.class, () -> directory.bind("uid=alice," + PEOPLE, "alice-password"));
        assertEquals(new Directory.Health(false, "DOWN (connect error)"), directory.health(), "what the last operation met");

        // back, on the same port: the pools connect again by themselves
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", secondPort));
        InMemoryDirectoryServer back = new InMemoryDirectoryServer(config);
        back.importFromLDIF(true, exportOf(first));
        back.startListening();
        try {
            assertEquals(Directory.Bind.ACCEPTED, directory.bind(directory.findByName("alice").orElseThrow().dn(), "alice-password"));
        } finally {
            back.shutDown(true);
        }
    }

    @Test
    void aDirectoryThatAcceptsConnectionsButNeverAnswersIsGivenUp() throws Exception {
        // a hung server: the kernel accepts the connection, nothing ever comes back (not even a TLS handshake)
        try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            for (String url : List.of("ldap://127.0.0.1:" + hung.getLocalPort(), "ldaps://127.0.0.1:" + hung.getLocalPort())) {
                Directory directory = openLdap(url);
                try {
                    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
                        assertThrows(DirectoryUnavailableException.class, () -> directory.findByName("alice"), url);
                        assertThrows(DirectoryUnavailableException.class, () -> directory.bind("uid=alice," + PEOPLE, "alice-password"), url);
                    }, "the connect and response timeouts bound every operation: " + url);
                } finally {
                    directory.close();
                }
            }
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    static java.io.File exportOf(InMemoryDirectoryServer server) throws Exception {
        java.io.File file = java.io.File.createTempFile("directory", ".ldif");
        file.deleteOnExit();
        server.exportToLDIF(file.getPath(), false, true);
        return file;
    }

    @Test
    void groupScopesReadGroupDnsAsTheDnRulesDoAndNameOnlyKnownScopes() {
        Map<String, Set<String>> mapping = DirectorySettings.parseGroupScopes(
                "CN=API-Admins, OU=Groups,DC=example,DC=org:admin; cn=readers,ou=groups,dc=example,dc=org:me items\n");
        assertEquals(Set.of("admin"), mapping.get(DirectorySettings.normalizedDn(ADMINS)));
        assertEquals(Set.of("me", "items"), mapping.get(DirectorySettings.normalizedDn("cn=readers," + GROUPS)));
        assertThrows(IllegalStateException.class, () -> settingsWithScopes(ADMINS + ":root"));
        assertThrows(IllegalStateException.class, () -> DirectorySettings.parseGroupScopes("admin"));
    }

    static DirectorySettings settingsWithScopes(String groupScopes) {
        DirectoryKind kind = DirectoryKind.OPENLDAP;
        return new DirectorySettings(List.of("ldap://127.0.0.1:1"), kind, false, Optional.empty(), Optional.empty(), Optional.empty(),
                PEOPLE, kind.userFilter, kind.usernameAttribute, kind.idAttribute, kind.emailAttribute, kind.fullNameAttribute, false,
                Optional.empty(), kind.groupFilter, DirectorySettings.parseGroupScopes(groupScopes), Set.of("me"),
                DirectorySettings.Precedence.LOCAL, 500, 2000, 2, 200, 60).checked();
    }

    @Test
    void settingsThatCannotWorkStopTheStart() {
        DirectoryKind kind = DirectoryKind.OPENLDAP;
        assertThrows(IllegalStateException.class, () -> new DirectorySettings(List.of("ldaps://127.0.0.1:636"), kind, true,
                Optional.empty(), Optional.empty(), Optional.empty(), PEOPLE, kind.userFilter, "uid", "entryUUID", "mail", "cn", false,
                Optional.empty(), kind.groupFilter, Map.of(), Set.of(), DirectorySettings.Precedence.LOCAL, 1, 1, 1, 1, 1).checked(),
                "StartTLS on ldaps://");
        assertThrows(IllegalStateException.class, () -> new DirectorySettings(List.of("ldap://127.0.0.1"), kind, false,
                Optional.empty(), Optional.empty(), Optional.empty(), "", kind.userFilter, "uid", "entryUUID", "mail", "cn", false,
                Optional.empty(), kind.groupFilter, Map.of(), Set.of(), DirectorySettings.Precedence.LOCAL, 1, 1, 1, 1, 1).checked(),
                "no user base");
        assertThrows(IllegalStateException.class, () -> new DirectorySettings(List.of("ldap://127.0.0.1"), kind, false,
                Optional.empty(), Optional.empty(), Optional.empty(), PEOPLE, "(uid=alice)", "uid", "entryUUID", "mail", "cn", false,
                Optional.empty(), kind.groupFilter, Map.of(), Set.of(), DirectorySettings.Precedence.LOCAL, 1, 1, 1, 1, 1).checked(),
                "a filter without {0}");
        assertTrue(DirectorySettings.none().configured() == false);
    }
}
