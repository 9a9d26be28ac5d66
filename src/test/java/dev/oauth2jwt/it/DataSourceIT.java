package dev.oauth2jwt.it;

import dev.oauth2jwt.it.support.Api;
import dev.oauth2jwt.it.support.Deployments;
import dev.oauth2jwt.it.support.ServerTestBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * DB_DATASOURCE: the WAR on a data source the server defines its own way (Payara: a JDBC pool made
 * by a post-boot command; WildFly: the datasources subsystem, set up by a CLI script; TomEE:
 * conf/tomee.xml; all in src/test/servers), on a PostgreSQL database of its own. DB_URL points
 * nowhere, so every answer below came through the server's data source.
 */
@EnabledIf(value = "dataSourceDatabaseReachable",
        disabledReason = "needs PostgreSQL's oauth2jwt_ds database: eval \"$(.ci/postgresql oauth2jwt_ds IT_DS_PASSWORD)\"")
class DataSourceIT extends ServerTestBase {

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
        return Deployments.war(
                "db.datasource=" + System.getProperty("it.ds.jndi"),
                // nothing listens on port 9: were DB_URL used, nothing below would work
                "db.url=jdbc:postgresql://127.0.0.1:9/nowhere",
                "db.user=nobody");
    }

    static boolean dataSourceDatabaseReachable() {
        try (Connection connection = connect()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void theMigrationsRanOnTheServersDataSource() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet latest = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            assertTrue(latest.next(), "no migration recorded in the data source's database");
            assertEquals(latestMigration(), latest.getString(1));
        }
    }

    @Test
    void usersLogInFromTheServersDataSourceAndNewOnesAreWrittenThere() throws SQLException {
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + api.login("johndoe", "secret")).status());
        String admin = "Bearer " + api.login("admin-user", "janes-password", "me admin").getString("access_token");
        String username = "ds-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Answer created = api.postJson("/users", "{\"username\": \"" + username + "\", \"password\": \"a long passphrase\"}",
                "Authorization", admin);

        assertEquals(201, created.status(), created::toString);
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM users WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                assertEquals(1, count.getInt(1), "the new user is in the data source's database");
            }
        }
        assertEquals(200, api.get("/users/me/", "Authorization", "Bearer " + api.login(username, "a long passphrase")).status());
    }

    /** The highest version among the SQL migrations and the Java ones (registered in Database.flyway). */
    private static String latestMigration() {
        try (var sql = Files.list(Path.of("src/main/resources/db/migration"));
             var classes = Files.list(Path.of("src/main/java/dev/oauth2jwt/persistence/control"))) {
            return java.util.stream.Stream.concat(sql, classes)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9]+__.*\\.(sql|java)"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .max(Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("it.ds.database", "oauth2jwt_ds"),
                System.getProperty("it.ds.user", "oauth2jwt_ds"), System.getProperty("it.ds.password", ""));
    }
}
