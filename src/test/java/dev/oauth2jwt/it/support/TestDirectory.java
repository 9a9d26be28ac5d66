package dev.oauth2jwt.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * OpenLDAP as a company runs it, for the directory login tests: Debian's {@code slapd} on
 * 127.0.0.1 with a temporary configuration (ppolicy, the usual schemas, a search account, TLS with
 * a test CA made here by {@code openssl}), people and groups loaded with {@code ldapadd}, and a
 * replica (a copy made with {@code slapcat}/{@code slapadd}, so that its entries keep their
 * entryUUIDs, as replication does) for failover. One per test JVM, stopped when it ends.
 */
public final class TestDirectory {

    public static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String ADMINS_GROUP = "cn=api-admins," + GROUPS;
    public static final String SEARCH_ACCOUNT = "cn=oauth2-jwt,ou=services," + BASE;
    /** The primary, over LDAPS with the test CA's certificate for localhost; plain LDAP beside it for the tests' own changes. */
    public static final int PRIMARY_LDAPS_PORT = 3636;
    public static final int PRIMARY_PORT = 3389;
    /** The replica, plain LDAP: the second URL. */
    public static final int REPLICA_PORT = 3390;
    /** Everyone's password in the directory is their name with this after it. */
    public static final String PASSWORD_SUFFIX = "-directory-password";
    /** People of the tests, each in one test only (a test's changes and failed logins touch nobody else). */
    public static final List<String> PEOPLE_NAMES = List.of("amber", "brian", "edith", "felix", "grace", "heidi", "ivan",
            "judy", "mallory", "oscar", "peggy", "trent", "victor", "walter", "johndoe");

    private static TestDirectory running;

    private final Path home;
    private final String rootPassword = UUID.randomUUID().toString();
    private final String searchPassword = UUID.randomUUID().toString();
    private final Slapd primary;
    private final Slapd replica;

    /** One slapd: its configuration, database and process. */
    public final class Slapd {
        final String name;
        final Path directory;
        final String urls;
        final int port;
        Process process;

        Slapd(String name, String urls, int port) {
            this.name = name;
            this.directory = home.resolve(name);
            this.urls = urls;
            this.port = port;
        }

        public void start() {
            try {
                process = new ProcessBuilder("/usr/sbin/slapd", "-f", directory.resolve("slapd.conf").toString(), "-h", urls, "-d", "0")
                        .redirectErrorStream(true).redirectOutput(directory.resolve("slapd.log").toFile()).start();
                waitForPort(port, process, 20);
            } catch (IOException e) {
                throw new IllegalStateException("slapd did not start: " + e.getMessage(), e);
            }
        }

        public void stop() {
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process = null;
            }
        }

        /** Stops answering, as a hung server does: connections are accepted by the kernel, nothing comes back. */
        public void hang() {
            signal("-STOP");
        }

        public void resume() {
            signal("-CONT");
        }

        private void signal(String signal) {
            try {
                new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public boolean running() {
            return process != null && process.isAlive();
        }

        void configure(boolean tls) throws IOException {
            Files.createDirectories(directory.resolve("db"));
            Path tlsFiles = home.resolve("tls");
            Files.writeString(directory.resolve("slapd.conf"), String.join("\n",
                    "include /etc/ldap/schema/core.schema",
                    "include /etc/ldap/schema/cosine.schema",
                    "include /etc/ldap/schema/inetorgperson.schema",
                    "include /etc/ldap/schema/nis.schema",
                    "modulepath /usr/lib/ldap",
                    "moduleload back_mdb",
                    "moduleload ppolicy",
                    "pidfile " + directory.resolve("slapd.pid"),
                    // a name without a password is an unauthenticated bind, which this server then answers with success:
                    // the service must never take it for a login (RFC 4513 5.1.2)
                    "allow bind_anon_dn",
                    tls ? "TLSCACertificateFile " + tlsFiles.resolve("ca.pem") : "",
                    tls ? "TLSCertificateFile " + tlsFiles.resolve("server.pem") : "",
                    tls ? "TLSCertificateKeyFile " + tlsFiles.resolve("server.key") : "",
                    "database mdb",
                    "suffix \"" + BASE + "\"",
                    "rootdn \"cn=admin," + BASE + "\"",
                    "rootpw " + rootPassword,
                    "directory " + directory.resolve("db"),
                    "overlay ppolicy",
                    "access to attrs=userPassword by self write by anonymous auth by * none",
                    "access to * by dn.exact=\"" + SEARCH_ACCOUNT + "\" read by self read by * none",
                    ""), StandardCharsets.UTF_8);
        }
    }

    private TestDirectory(Path home) {
        this.home = home;
        this.primary = new Slapd("primary", "ldap://127.0.0.1:" + PRIMARY_PORT + "/ ldaps://127.0.0.1:" + PRIMARY_LDAPS_PORT + "/",
                PRIMARY_LDAPS_PORT);
        this.replica = new Slapd("replica", "ldap://127.0.0.1:" + REPLICA_PORT + "/", REPLICA_PORT);
    }

    /** The directory of this test JVM, started at the first call. */
    public static synchronized TestDirectory get() {
        if (running == null) {
            assertTrue(new File("/usr/sbin/slapd").canExecute() && new File("/usr/bin/ldapadd").canExecute(),
                    "the directory tests need OpenLDAP: apt-get install slapd ldap-utils");
            Path home = Deployments.workDirectory().resolve("directory-" + UUID.randomUUID().toString().substring(0, 8));
            TestDirectory directory = new TestDirectory(home);
            directory.setUp();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                directory.primary.stop();
                directory.replica.stop();
            }));
            running = directory;
        }
        return running;
    }

    private void setUp() {
        try {
            Files.createDirectories(home.resolve("tls"));
            Files.writeString(home.resolve("bind-password"), searchPassword + "\n", StandardCharsets.UTF_8);
            makeTestCa();
            primary.configure(true);
            replica.configure(false);
            primary.start();
            ldap("ldapadd", PRIMARY_PORT, people());
            Path export = home.resolve("export.ldif");
            run(List.of("/usr/sbin/slapcat", "-f", primary.directory.resolve("slapd.conf").toString(), "-l", export.toString()), null);
            run(List.of("/usr/sbin/slapadd", "-q", "-f", replica.directory.resolve("slapd.conf").toString(), "-l", export.toString()), null);
            replica.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Slapd primary() {
        return primary;
    }

    public Slapd replica() {
        return replica;
    }

    /** The test CA's certificate: what the service trusts (LDAP_CA_FILE). */
    public Path caFile() {
        return home.resolve("tls/ca.pem");
    }

    /** A CA that signed nothing here: trusting it alone, no connection to this directory may be made. */
    public Path otherCaFile() {
        return home.resolve("tls/other-ca.pem");
    }

    public String searchPassword() {
        return searchPassword;
    }

    /** The service's settings for this directory: LDAPS to the primary (the test CA), then the replica. */
    public String[] config(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "ldap.url=ldaps://localhost:" + PRIMARY_LDAPS_PORT + " ldap://127.0.0.1:" + REPLICA_PORT,
                "ldap.ca-file=" + caFile(),
                "ldap.bind-dn=" + SEARCH_ACCOUNT,
                // a mounted secret, as production would have it (LDAP_BIND_PASSWORD_FILE)
                "ldap.bind-password-file=" + home.resolve("bind-password"),
                "ldap.user-base=" + PEOPLE,
                "ldap.group-base=" + GROUPS,
                "ldap.group-scopes=" + ADMINS_GROUP + ":admin",
                "ldap.email-verified=true",
                // the tests change the directory between a login and a refresh: the refresh asks it every time
                "ldap.recheck-seconds=0",
                "ldap.connect-timeout-ms=1000",
                "ldap.response-timeout-ms=2000"));
        lines.addAll(List.of(more));
        return lines.toArray(String[]::new);
    }

    /** Applies LDIF changes ({@code ldapmodify}) to the primary and the replica, those running. */
    public void modify(String ldif) {
        if (primary.running()) {
            ldap("ldapmodify", PRIMARY_PORT, ldif);
        }
        if (replica.running()) {
            ldap("ldapmodify", REPLICA_PORT, ldif);
        }
    }

    private void ldap(String tool, int port, String ldif) {
        run(List.of("/usr/bin/" + tool, "-x", "-H", "ldap://127.0.0.1:" + port, "-D", "cn=admin," + BASE, "-w", rootPassword), ldif);
    }

    private static String people() {
        StringBuilder ldif = new StringBuilder(String.join("\n",
                "dn: " + BASE, "objectClass: dcObject", "objectClass: organization", "dc: example", "o: Example", "",
                "dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people", "",
                "dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups", "",
                "dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services", "",
                "dn: " + SEARCH_ACCOUNT, "objectClass: organizationalRole", "objectClass: simpleSecurityObject", "cn: oauth2-jwt",
                "userPassword: {SEARCH_PASSWORD}", "", ""));
        for (String name : PEOPLE_NAMES) {
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            ldif.append(String.join("\n", "dn: uid=" + name + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + name,
                    "cn: " + cap + " Directory", "sn: Directory", "mail: " + name + "@directory.example.org",
                    "userPassword: " + name + PASSWORD_SUFFIX, "", ""));
        }
        ldif.append(String.join("\n", "dn: " + ADMINS_GROUP, "objectClass: groupOfNames", "cn: api-admins",
                "member: uid=amber," + PEOPLE, "member: uid=grace," + PEOPLE, "member: uid=peggy," + PEOPLE, "", ""));
        return ldif.toString();
    }

    private String run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                process.getOutputStream().write(input.replace("{SEARCH_PASSWORD}", searchPassword).getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A CA and a certificate for localhost and 127.0.0.1 signed by it, made with openssl. */
    private void makeTestCa() throws IOException {
        Path tls = home.resolve("tls");
        Files.writeString(tls.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=oauth2-jwt test CA",
                "-keyout", tls.resolve("ca.key").toString(), "-out", tls.resolve("ca.pem").toString()), null);
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA",
                "-keyout", tls.resolve("other-ca.key").toString(), "-out", tls.resolve("other-ca.pem").toString()), null);
        run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                "-keyout", tls.resolve("server.key").toString(), "-out", tls.resolve("server.csr").toString()), null);
        run(List.of("openssl", "x509", "-req", "-days", "2", "-in", tls.resolve("server.csr").toString(),
                "-CA", tls.resolve("ca.pem").toString(), "-CAkey", tls.resolve("ca.key").toString(), "-CAcreateserial",
                "-extfile", tls.resolve("server.ext").toString(), "-out", tls.resolve("server.pem").toString()), null);
    }

    /** Waits until the process listens on 127.0.0.1:port; fails when it exits first or takes over {@code seconds}. */
    static void waitForPort(int port, Process process, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("the server") + " exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("nothing listened on 127.0.0.1:" + port + " within " + seconds + " s");
    }
}
