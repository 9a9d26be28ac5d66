package dev.oauth2jwt.it.support;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, unchanged, plus one library holding the test configuration (a
 * MicroProfile Config file whose ordinal beats the environment's): a secret and a key encryption
 * key made for this run, a database under target/, the test users.
 */
public final class Deployments {

    /** The library the test configuration comes in. */
    public static final String CONFIG_LIBRARY = "it-config.jar";

    /** The HS256 secret of this test run, so tests can mint tokens the server accepts. */
    public static final String JWT_SECRET = HexFormat.of().formatHex(randomBytes(32));

    /** The key the stored signing keys (RS256, ES256) are encrypted with in this test run. */
    public static final String KEY_ENCRYPTION_KEY = HexFormat.of().formatHex(randomBytes(32));

    private Deployments() {
    }

    public static WebArchive war() {
        return war(new String[0]);
    }

    /** The WAR with more configuration lines ({@code key=value}) than the tests' defaults. */
    public static WebArchive war(String... extraConfig) {
        TestDatabase.emptyOnce();
        File built = new File(System.getProperty("it.war", "target/oauth2-jwt.war"));
        // Tomcat takes the context root from the file name: ROOT is "/", as the other servers' descriptors say
        String name = onTomEE() ? "ROOT.war" : "oauth2-jwt.war";
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name).importFrom(built).as(WebArchive.class);
        JavaArchive testConfig = ShrinkWrap.create(JavaArchive.class, CONFIG_LIBRARY)
                .addAsManifestResource(new StringAsset(config() + String.join("\n", extraConfig) + "\n"),
                        "microprofile-config.properties");
        return war.addAsLibrary(testConfig);
    }

    /**
     * The database URL the server uses: {@code it.db.url} (PostgreSQL, the {@code postgresql}
     * profile), or H2 under target/ whose AUTO_SERVER lets the tests open it too.
     */
    public static String databaseUrl() {
        return setting("it.db.url").orElseGet(
                () -> "jdbc:h2:file:" + workDirectory().resolve("db/oauth2-jwt") + ";AUTO_SERVER=TRUE");
    }

    public static Optional<String> databaseUser() {
        return setting("it.db.user");
    }

    public static Optional<String> databasePassword() {
        return setting("it.db.password");
    }

    /** The suite runs on WildFly (-Dwildfly) instead of Payara Micro. */
    public static boolean onWildFly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }

    /** The suite runs on TomEE (-Dtomee). */
    public static boolean onTomEE() {
        return "tomee".equals(System.getProperty("arquillian.launch"));
    }

    public static boolean onPostgresql() {
        return databaseUrl().startsWith("jdbc:postgresql:");
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank());
    }

    public static Path workDirectory() {
        return Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
    }

    private static String config() {
        return String.join("\n",
                "config_ordinal=500",
                "jwt.secret=" + JWT_SECRET,
                "jwt.key-encryption-key=" + KEY_ENCRYPTION_KEY,
                "db.url=" + databaseUrl().replace("\\", "\\\\"),
                databaseUser().map(user -> "db.user=" + user).orElse(""),
                databasePassword().map(password -> "db.password=" + password).orElse(""),
                "users.import-file=" + testResource("/it-users.json").toString().replace("\\", "\\\\"),
                // the tests stand in for clients at other addresses through X-Forwarded-For
                "http.trusted-proxies=127.0.0.1",
                "");
    }

    private static Path testResource(String name) {
        URL url = Deployments.class.getResource(name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
