package dev.oauth2jwt.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Active Directory as Samba's domain controller is one: provisioned by {@code samba-tool} into a
 * temporary directory (realm EXAMPLE.TEST, no DNS), listening on 127.0.0.1:389, with people and a
 * group made by {@code samba-tool}. Plain LDAP binds are allowed ("ldap server require strong auth
 * = no"), which a production domain would offer over LDAPS only; TLS is proven against OpenLDAP.
 * Needs root (port 389) and Debian's {@code samba}; one per test JVM, stopped when it ends.
 */
public final class TestActiveDirectory {

    public static final String BASE = "DC=example,DC=test";
    public static final String USERS = "CN=Users," + BASE;
    public static final String ADMINS_GROUP = "CN=API Admins," + USERS;
    public static final String ADMINISTRATOR = "CN=Administrator," + USERS;

    private static TestActiveDirectory running;

    private final Path home;
    private final String adminPassword = "Adm1n!" + UUID.randomUUID().toString().substring(0, 12);
    private Process samba;

    private TestActiveDirectory(Path home) {
        this.home = home;
    }

    public static synchronized TestActiveDirectory get() {
        if (running == null) {
            assertTrue(new File("/usr/sbin/samba").canExecute() && new File("/usr/bin/samba-tool").canExecute(),
                    "the Active Directory test needs Samba's domain controller: apt-get install samba winbind");
            TestActiveDirectory directory = new TestActiveDirectory(
                    Deployments.workDirectory().resolve("samba-" + UUID.randomUUID().toString().substring(0, 8)));
            directory.provision();
            Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
            running = directory;
        }
        return running;
    }

    /** A person's password: Active Directory's complexity rules want three kinds of characters. */
    public static String password(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "!Passw0rd";
    }

    private void provision() {
        try {
            Files.createDirectories(home);
            samba("domain", "provision", "--realm=EXAMPLE.TEST", "--domain=EXAMPLE", "--server-role=dc", "--dns-backend=NONE",
                    "--use-rfc2307", "--adminpass=" + adminPassword, "--targetdir=" + home,
                    "--option=interfaces = lo", "--option=bind interfaces only = yes");
            Path conf = home.resolve("etc/smb.conf");
            Files.writeString(conf, Files.readString(conf).replace("[global]", "[global]\n\tldap server require strong auth = no"));
            local("user", "create", "kara", password("kara"), "--given-name=Kara", "--surname=Danvers",
                    "--mail-address=kara@example.test");
            local("user", "create", "dexter", password("dexter"), "--given-name=Dexter", "--surname=Lister",
                    "--mail-address=dexter@example.test");
            local("user", "create", "rosa", password("rosa"), "--given-name=Rosa", "--surname=Parks");
            local("group", "add", "API Admins");
            local("group", "addmembers", "API Admins", "kara");
            samba = new ProcessBuilder("/usr/sbin/samba", "-s", conf.toString(), "-i").redirectErrorStream(true)
                    .redirectOutput(home.resolve("samba.log").toFile()).start();
            TestDirectory.waitForPort(389, samba, 60);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's settings for this domain: the preset, the search account, the people under CN=Users. */
    public String[] config(String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "ldap.directory=active-directory",
                "ldap.url=ldap://127.0.0.1:389",
                "ldap.bind-dn=" + ADMINISTRATOR,
                "ldap.bind-password=" + adminPassword,
                "ldap.user-base=" + USERS,
                "ldap.group-scopes=" + ADMINS_GROUP + ":admin",
                "ldap.recheck-seconds=0"));
        lines.addAll(List.of(more));
        return lines.toArray(String[]::new);
    }

    /** {@code samba-tool} against the running domain controller, as its administrator. */
    public void tool(String... arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/samba-tool"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-H", "ldap://127.0.0.1", "-U", "Administrator", "--password=" + adminPassword));
        run(command);
    }

    private void local(String... arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/samba-tool"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-s", home.resolve("etc/smb.conf").toString()));
        run(command);
    }

    private void samba(String... arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/samba-tool"));
        command.addAll(List.of(arguments));
        run(command);
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile()).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        if (samba != null) {
            samba.destroy();
            try {
                if (!samba.waitFor(15, TimeUnit.SECONDS)) {
                    samba.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
