package dev.oauth2jwt.persistence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoolOpeningAtBootTest {

    final PoolOpeningAtBoot atBoot = new PoolOpeningAtBoot();
    final ClassLoader loader = getClass().getClassLoader();

    /** A fresh in-memory H2 that lives as long as a connection to it is open. */
    static PoolSettings freshH2() {
        return new PoolSettings("jdbc:h2:mem:" + UUID.randomUUID(), Optional.empty(), Optional.empty(), 2, 2000);
    }

    @Test
    void theBeanTakesThePoolOpenedAtBootWithItsSettingsMigratedAndOnlyOnce() {
        PoolSettings settings = freshH2();
        atBoot.startOpening(settings, loader);
        Database database = beanWith(settings);
        try {
            long applied = database.read(em -> ((Number) em.createNativeQuery(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"").getSingleResult()).longValue());
            assertTrue(applied >= 12, "the pool taken is migrated: " + applied);
            assertEquals(Optional.empty(), atBoot.take(settings), "taken by the bean, so not to be had again");
        } finally {
            database.stop();
        }
    }

    @Test
    void aPoolOpenedWithOtherSettingsIsClosedAndTheConfiguredOneOpened() throws Exception {
        PoolSettings openedAtBoot = freshH2();
        atBoot.startOpening(openedAtBoot, loader);
        PoolSettings configured = freshH2();
        Database database = beanWith(configured);
        try {
            assertTrue(database.isReachable());
            assertTrue(migrated(configured.url()), "the configured database is the one the bean opened");
            // the pool opened at boot closes once its opening is over; its in-memory database goes with it
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (migrated(openedAtBoot.url()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(migrated(openedAtBoot.url()), "the pool opened with the other settings was closed");
        } finally {
            database.stop();
        }
    }

    @Test
    void anOpeningAtBootThatFailedIsNotTaken() {
        atBoot.startOpening(new PoolSettings("jdbc:nodriver:here", Optional.empty(), Optional.empty(), 2, 2000), loader);
        assertEquals(Optional.empty(), atBoot.take(new PoolSettings("jdbc:nodriver:here", Optional.empty(), Optional.empty(), 2, 2000)));
    }

    @Test
    void withoutAnOpeningAtBootThereIsNothingToTake() {
        assertEquals(Optional.empty(), atBoot.take(freshH2()));
    }

    @Test
    void theSettingsTextHasNoPassword() {
        PoolSettings settings = new PoolSettings("jdbc:postgresql://db/oauth2jwt?password=inurl", Optional.of("app"),
                Optional.of("s3cret"), 10, 1000);
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertFalse(settings.toString().contains("inurl"), settings.toString());
    }

    private Database beanWith(PoolSettings settings) {
        Database database = TestDatabases.configured(settings);
        database.openingAtBoot = atBoot;
        database.start();
        return database;
    }

    /** Whether the database at this URL has Flyway's history: a fresh in-memory one has not (the driver directly: a stopped bean deregisters it). */
    private static boolean migrated(String url) throws SQLException {
        try (Connection connection = Database.driverFor(url).connect(url, new Properties());
             var tables = connection.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return tables.next();
        }
    }
}
