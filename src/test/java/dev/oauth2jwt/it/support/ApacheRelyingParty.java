package dev.oauth2jwt.it.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Apache httpd with Debian's mod_auth_openidc in front of a page, as a process on 127.0.0.1 with a
 * configuration of its own (docs/single-sign-on.md's, in a few lines): a relying party we did not
 * write. {@code /protected/whoami.shtml} shows who mod_auth_openidc says is logged in.
 */
public final class ApacheRelyingParty implements AutoCloseable {

    public static final Path APACHE = Path.of("/usr/sbin/apache2");
    public static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private final Process process;
    private final Path dir;
    public final String url;

    private ApacheRelyingParty(Process process, Path dir, String url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    /** Where our server sends codes (mod_auth_openidc's OIDCRedirectURI), for an Apache on this port. */
    public static String redirectUri(int port) {
        return "http://127.0.0.1:" + port + "/protected/redirect_uri";
    }

    public static ApacheRelyingParty start(int port, String provider, String clientId, String clientSecret) throws Exception {
        if (!Files.isExecutable(APACHE) || !Files.isRegularFile(MODULES.resolve("mod_auth_openidc.so"))) {
            throw new AssertionError("Apache and mod_auth_openidc are missing: apt-get install apache2 libapache2-mod-auth-openidc "
                    + "(.ci/run does)");
        }
        Path dir = PayaraMicroProcess.work("apache-relying-party");
        Path pages = Files.createDirectories(dir.resolve("htdocs/protected"));
        Files.writeString(pages.resolve("whoami.shtml"), "<!DOCTYPE html><html><head><title>Apache relying party</title></head>"
                + "<body><p id=\"caller\"><!--#echo var=\"OIDC_CLAIM_preferred_username\" --></p>"
                + "<p id=\"sid\"><!--#echo var=\"OIDC_CLAIM_sid\" --></p></body></html>\n");
        // the worker processes run as www-data when started by root: they read the pages and write nothing here
        for (Path path : List.of(dir, dir.resolve("htdocs"), pages)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(pages.resolve("whoami.shtml"), PosixFilePermissions.fromString("rw-r--r--"));
        String config = String.join("\n",
                "ServerName 127.0.0.1",
                "Listen 127.0.0.1:" + port,
                "PidFile " + dir.resolve("httpd.pid"),
                "ErrorLog " + dir.resolve("error.log"),
                "LogLevel warn auth_openidc:info",
                "DefaultRuntimeDir " + dir,
                "TypesConfig /dev/null",
                module("mpm_event"), module("authz_core"), module("authz_user"), module("authn_core"), module("mime"), module("include"),
                "LoadModule auth_openidc_module " + MODULES.resolve("mod_auth_openidc.so"),
                isRoot() ? "User www-data\nGroup www-data" : "",
                "DocumentRoot " + dir.resolve("htdocs"),
                "<Directory " + dir.resolve("htdocs") + ">",
                "  Require all granted",
                "  Options +Includes",
                "  AddType text/html .shtml",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "# the relying party, as docs/single-sign-on.md sets it up",
                "OIDCProviderMetadataURL " + provider + "/.well-known/openid-configuration",
                "OIDCClientID " + clientId,
                "OIDCClientSecret " + clientSecret,
                "OIDCRedirectURI " + redirectUri(port),
                "OIDCCryptoPassphrase " + UUID.randomUUID(),
                "OIDCScope \"openid profile\"",
                "OIDCPKCEMethod S256",
                "OIDCRemoteUserClaim preferred_username",
                "<Location /protected>",
                "  AuthType openid-connect",
                "  Require valid-user",
                "</Location>", "");
        Path conf = dir.resolve("httpd.conf");
        Files.writeString(conf, config);
        Process process = new ProcessBuilder(APACHE.toString(), "-f", conf.toString(), "-DFOREGROUND")
                .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        ApacheRelyingParty apache = new ApacheRelyingParty(process, dir, "http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                apache.close();
                throw new AssertionError("Apache did not start:\n" + apache.log());
            }
            Thread.sleep(100);
        }
        return apache;
    }

    private static String module(String name) {
        return "LoadModule " + name + "_module " + MODULES.resolve("mod_" + name + ".so");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Its console and error log. */
    public String log() {
        return ServerProcesses.read(dir.resolve("console.log")) + ServerProcesses.read(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
