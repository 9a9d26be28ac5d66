package dev.oauth2jwt.persistence.control;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The user database: a connection pool, the schema migrated by Flyway, and JPA on top.
 *
 * <p>By default the application owns its pool on {@code DB_URL}/{@code DB_USER}/{@code DB_PASSWORD},
 * read the same way on Payara, WildFly or TomEE with no server configuration. With
 * {@code DB_DATASOURCE} (a JNDI name) it uses the data source the server manages instead: the
 * server's pool, credentials and monitoring; the migrations run on it all the same.
 */
@ApplicationScoped
public class Database {

    static final String PERSISTENCE_UNIT = "oauth2jwt";
    /** The JNDI name of the server's data source, when it is used instead of the own pool. */
    static final String SERVER_DATA_SOURCE = "db.datasource";
    /** SQLSTATE of a unique constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final List<String> TESTED_PROVIDERS =
            List.of("org.eclipse.persistence.jpa.PersistenceProvider", "org.hibernate.jpa.HibernatePersistenceProvider");

    @Inject
    @ConfigProperty(name = SERVER_DATA_SOURCE)
    Optional<String> serverDataSource;

    @Inject
    @ConfigProperty(name = PoolSettings.URL)
    String url;

    @Inject
    @ConfigProperty(name = PoolSettings.USER)
    Optional<String> user;

    @Inject
    @ConfigProperty(name = PoolSettings.PASSWORD)
    Optional<String> password;

    @Inject
    @ConfigProperty(name = PoolSettings.MAX_SIZE)
    int maxPoolSize;

    @Inject
    @ConfigProperty(name = PoolSettings.CONNECTION_TIMEOUT_MILLIS)
    long connectionTimeoutMillis;

    /** The pool: the server's (DB_DATASOURCE) or {@link #ownPool}. */
    private DataSource dataSource;
    /** The pool on DB_URL, when the server provides none; closed with the application. */
    private HikariDataSource ownPool;
    private EntityManagerFactory entityManagerFactory;

    /** The pool being opened since CDI began; absent where no CDI made this bean (unit tests). */
    @Inject
    PoolOpeningAtBoot openingAtBoot;

    @PostConstruct
    void start() {
        if (serverDataSource.isPresent()) {
            dataSource = lookUp(serverDataSource.get());
            entityManagerFactory = migratedUnit(dataSource, "data source " + serverDataSource.get());
            return;
        }
        PoolSettings settings = new PoolSettings(url, user, password, maxPoolSize, connectionTimeoutMillis);
        OpenedPool opened = Optional.ofNullable(openingAtBoot).flatMap(boot -> boot.take(settings))
                .orElseGet(() -> OpenedPool.open(settings));
        ownPool = opened.pool();
        dataSource = ownPool;
        entityManagerFactory = opened.unit();
    }

    /** Migrates the schema on the pool and makes the persistence unit on it. */
    static EntityManagerFactory migratedUnit(DataSource dataSource, String described) {
        var result = flyway(dataSource).load().migrate();
        // targetSchemaVersion is null when there was nothing to migrate
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database " + described + " at schema version " + version + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
        return createUnit(Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
    }

    /**
     * The migrations: the SQL files of {@code db/migration} and the Java ones registered here (not
     * scanned for: class scanning differs from server to server).
     */
    public static FluentConfiguration flyway(DataSource dataSource) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V8__Subject_identifiers());
    }

    /** The server's data source under a JNDI name; a wrong name stops the start with what to fix. */
    static DataSource lookUp(String jndiName) {   // also DataSourceCheck, at start
        Object found;
        try {
            found = InitialContext.doLookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("DB_DATASOURCE '" + jndiName + "': the server has no data source under this JNDI name ("
                    + e.getClass().getSimpleName() + "); define one in the server, see docs/deploying.md", e);
        }
        if (!(found instanceof DataSource server)) {
            throw new IllegalStateException("DB_DATASOURCE '" + jndiName + "' names a " + found.getClass().getName()
                    + ", not a javax.sql.DataSource");
        }
        return server;
    }

    /**
     * The unit on the JPA provider it is tested with (EclipseLink on Payara and TomEE, Hibernate on
     * WildFly). Persistence.createEntityManagerFactory would take the first provider the server
     * lists, and TomEE Plume lists only OpenJPA, which fails on a JPA 3 persistence.xml, although
     * it ships EclipseLink (its default for container-managed units) too.
     */
    static EntityManagerFactory createUnit(Map<String, Object> properties) {
        for (String tested : TESTED_PROVIDERS) {
            Optional<PersistenceProvider> provider = provider(tested);
            if (provider.isPresent()) {
                EntityManagerFactory unit = provider.get().createEntityManagerFactory(PERSISTENCE_UNIT, withFailFast(properties));
                if (unit != null) {
                    return unit;
                }
            }
        }
        return Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, properties);
    }

    /**
     * EclipseLink's session customizer FailFastSession (503 at once when the database is down), where
     * the application may see EclipseLink's own API: Payara lets it, TomEE does not (there EclipseLink
     * retries a failed query, which makes such a 503 take longer), Hibernate ignores the setting.
     */
    private static Map<String, Object> withFailFast(Map<String, Object> properties) {
        try {
            Class.forName(FailFastSession.class.getName(), true, Database.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.fine("EclipseLink's session API is not visible here: no FailFastSession");
            return properties;
        }
        Map<String, Object> withCustomizer = new HashMap<>(properties);
        withCustomizer.put("eclipselink.session.customizer", FailFastSession.class.getName());
        return withCustomizer;
    }

    private static Optional<PersistenceProvider> provider(String className) {
        for (PersistenceProvider listed : PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders()) {
            if (listed.getClass().getName().equals(className)) {
                return Optional.of(listed);
            }
        }
        try {
            return Optional.of((PersistenceProvider) Class.forName(className, true, Database.class.getClassLoader())
                    .getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Optional.empty();   // not on this server
        }
    }

    @PreDestroy
    void stop() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
        }
        if (ownPool != null) {
            ownPool.close();   // a server's data source is the server's to close
        }
        deregisterOwnDrivers();
    }

    /** Drivers loaded from the WAR would otherwise keep its class loader alive after undeploy. */
    private static void deregisterOwnDrivers() {
        ClassLoader own = Database.class.getClassLoader();
        for (Driver driver : java.util.Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.fine(() -> "Could not deregister " + driver.getClass().getName());
                }
            }
        }
    }

    /** Whether a connection can be had and answers within a second (for readiness). */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs a read; the entity manager is closed afterwards, so results come back detached. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = entityManagerFactory.createEntityManager();
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw unavailableOr(e);
        } finally {
            em.close();
        }
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = entityManagerFactory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            rollBack(transaction, e);
            throw unavailableOr(e);
        } finally {
            em.close();
        }
    }

    /** A rollback that fails too (the connection is gone) must not hide why the work failed. */
    private static void rollBack(EntityTransaction transaction, RuntimeException failure) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static RuntimeException unavailableOr(RuntimeException failure) {
        return DatabaseUnavailableException.isUnavailable(failure) ? new DatabaseUnavailableException(failure) : failure;
    }

    /**
     * Runs an INSERT that may collide with the same row inserted concurrently (by this or another
     * instance); a collision is the expected outcome, not an error. Returns whether a row was inserted.
     */
    public boolean insertIfAbsent(String insert, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            if (DatabaseUnavailableException.isUnavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw new PersistenceException("Insert failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * The JDBC driver for the URL, among those the WAR (or the server) provides. DriverManager only
     * auto-registers drivers of the system class path, not those inside a WAR.
     */
    static Driver driverFor(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, Database.class.getClassLoader())) {
            try {
                if (driver.acceptsURL(url)) {
                    return driver;
                }
            } catch (SQLException e) {
                // a driver that cannot judge the URL is not the one
            }
        }
        throw new IllegalStateException("DB_URL " + redacted(url)
                + ": no JDBC driver for this URL (bundled: H2 'jdbc:h2:...', PostgreSQL 'jdbc:postgresql://...')");
    }

    /** The URL without anything after '?' or ';' that may hold credentials. */
    static String redacted(String url) {
        int cut = url.length();
        for (char c : new char[]{'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }
}
