package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.throttling.entity.FailureCounter;
import dev.oauth2jwt.users.control.UserRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection for the password grant (RFC 6749 section 4.3.2): failures are counted
 * per username and per client address, in the database, so every instance sees the same counts.
 * The table cannot grow without bound: only failed logins add rows, each costs a bcrypt
 * computation, and rows whose window has passed are deleted.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final long CLEANUP_EVERY_MILLIS = 60_000;

    @Inject
    Database database;

    @Inject
    @ConfigProperty(name = "login.throttle.max-failures-per-user")
    int maxFailuresPerUser;

    @Inject
    @ConfigProperty(name = "login.throttle.max-failures-per-address")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "login.throttle.window-minutes")
    int windowMinutes;

    @Inject
    @ConfigProperty(name = "login.throttle.max-delay-seconds")
    int maxDelaySeconds;

    Clock clock = Clock.systemUTC();
    private ThrottlePolicy perUser;
    private ThrottlePolicy perAddress;
    private final AtomicLong lastCleanup = new AtomicLong();

    @PostConstruct
    void init() {
        if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || windowMinutes < 1 || maxDelaySeconds < 1) {
            throw new IllegalStateException("LOGIN_THROTTLE_* settings must all be at least 1");
        }
        Duration window = Duration.ofMinutes(windowMinutes);
        Duration maxDelay = Duration.ofSeconds(maxDelaySeconds);
        perUser = new ThrottlePolicy(maxFailuresPerUser, window, Duration.ofSeconds(1), maxDelay);
        perAddress = new ThrottlePolicy(maxFailuresPerAddress, window, Duration.ofSeconds(1), maxDelay);
    }

    /** Seconds to wait before this username may be tried from this address; 0 when it may now. */
    public long retryAfterSeconds(String username, String address) {
        long now = clock.millis();
        List<String> keys = keys(username, address);
        List<FailureCounter> counters = database.read(em -> em
                .createQuery("SELECT c FROM FailureCounter c WHERE c.key IN :keys", FailureCounter.class)
                .setParameter("keys", keys)
                .getResultList());
        long blocked = 0;
        for (FailureCounter counter : counters) {
            blocked = Math.max(blocked, policyFor(counter.key()).blockedMillis(counter, now));
        }
        return (blocked + 999) / 1000;
    }

    public void recordFailure(String username, String address) {
        List<String> keys = keys(username, address);
        long now = clock.millis();
        for (String key : keys) {
            // created apart, so that concurrent first failures on any instance never collide inside the count
            database.insertIfAbsent("INSERT INTO login_failures (counter_key, failures, window_start, blocked_until) "
                    + "VALUES (?, 0, ?, 0)", key, now);
        }
        database.inTransaction(em -> {
            for (String key : keys) {
                FailureCounter counter = em.find(FailureCounter.class, key, LockModeType.PESSIMISTIC_WRITE);
                if (counter == null) {   // deleted by a clean-up in between
                    counter = new FailureCounter(key, now);
                    em.persist(counter);
                }
                policyFor(key).recordFailure(counter, now);
            }
            return null;
        });
        cleanUpNowAndThen();
    }

    /** A successful login clears the username's failures (not the address's). */
    public void recordSuccess(String username) {
        database.inTransaction(em -> em.createQuery("DELETE FROM FailureCounter c WHERE c.key = :key")
                .setParameter("key", userKey(username))
                .executeUpdate());
    }

    private void cleanUpNowAndThen() {
        long now = clock.millis();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MILLIS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        long windowStartedBefore = now - Duration.ofMinutes(windowMinutes).toMillis();
        database.inTransaction(em -> em
                .createQuery("DELETE FROM FailureCounter c WHERE c.windowStart < :cutoff AND c.blockedUntil < :now")
                .setParameter("cutoff", windowStartedBefore)
                .setParameter("now", now)
                .executeUpdate());
    }

    private ThrottlePolicy policyFor(String key) {
        return key.startsWith("user:") ? perUser : perAddress;
    }

    /** Names no valid account could have are not counted per user: they can never log in. */
    private static List<String> keys(String username, String address) {
        List<String> keys = new ArrayList<>(2);
        if (UserRules.isValidUsername(username)) {
            keys.add(userKey(username));
        }
        keys.add("addr:" + address);
        return keys;
    }

    private static String userKey(String username) {
        return "user:" + username;
    }
}
