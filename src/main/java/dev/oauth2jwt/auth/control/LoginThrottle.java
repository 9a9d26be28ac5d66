package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.auth.entity.FailureCounter;
import dev.oauth2jwt.users.control.UserRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Brute-force protection for the token endpoint (RFC 6749 section 4.3.2), as OWASP's
 * authentication cheat sheet advises: an attacker must not be able to lock a real user out.
 * Failures are counted in the database, so every instance sees the same counts:
 * <ul>
 * <li>per username and address ({@code pair:}): beyond {@code max-failures-per-user}, that address
 * is refused for that username (429) for a delay doubling up to {@code max-delay-seconds};</li>
 * <li>per address ({@code addr:}), every username and junk refresh token together: beyond
 * {@code max-failures-per-address}, the address is refused likewise;</li>
 * <li>per username ({@code user:}), from every address: beyond {@code max-failures-per-user}, answers
 * for that username are only slowed down, by a delay doubling up to {@code max-slowdown-seconds},
 * never refused, so the real user logs in from her own address while it is under attack.</li>
 * </ul>
 * IPv6 clients count by their /64 network. The table cannot grow without bound: only failures add
 * rows, each costs a bcrypt computation or a refused refresh token, and rows whose window has
 * passed are deleted.
 */
@ApplicationScoped
public class LoginThrottle {

    /** What an attempt may do: be refused for {@code retryAfterSeconds}, or go on, answered no sooner than {@code slowdownMillis}. */
    public record Verdict(long retryAfterSeconds, long slowdownMillis) {
        public boolean refused() {
            return retryAfterSeconds > 0;
        }
    }

    private static final String PAIR = "pair:";
    private static final String ADDRESS = "addr:";
    private static final String USER = "user:";

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

    @Inject
    @ConfigProperty(name = "login.throttle.max-slowdown-seconds")
    int maxSlowdownSeconds;

    Clock clock = Clock.systemUTC();
    private ThrottlePolicy perPair;
    private ThrottlePolicy perAddress;
    private ThrottlePolicy perUser;

    @PostConstruct
    void init() {
        if (maxFailuresPerUser < 1 || maxFailuresPerAddress < 1 || windowMinutes < 1 || maxDelaySeconds < 1
                || maxSlowdownSeconds < 1) {
            throw new IllegalStateException("LOGIN_THROTTLE_* settings must all be at least 1");
        }
        Duration window = Duration.ofMinutes(windowMinutes);
        Duration firstDelay = Duration.ofSeconds(1);
        perPair = new ThrottlePolicy(maxFailuresPerUser, window, firstDelay, Duration.ofSeconds(maxDelaySeconds));
        perAddress = new ThrottlePolicy(maxFailuresPerAddress, window, firstDelay, Duration.ofSeconds(maxDelaySeconds));
        perUser = new ThrottlePolicy(maxFailuresPerUser, window, firstDelay, Duration.ofSeconds(maxSlowdownSeconds));
    }

    /** What an attempt for this username (null: none, a refresh token) from this address may do now. */
    public Verdict check(String username, String address) {
        long now = clock.millis();
        List<String> keys = keys(username, address);
        List<FailureCounter> counters = database.read(em -> em
                .createQuery("SELECT c FROM FailureCounter c WHERE c.key IN :keys", FailureCounter.class)
                .setParameter("keys", keys)
                .getResultList());
        long blocked = 0;
        long slowdown = 0;
        for (FailureCounter counter : counters) {
            if (counter.key().startsWith(USER)) {
                slowdown = perUser.slowdownMillis(counter, now);
            } else {
                blocked = Math.max(blocked, policyFor(counter.key()).blockedMillis(counter, now));
            }
        }
        return new Verdict((blocked + 999) / 1000, slowdown);
    }

    /** A failed login for the username from the address; a junk refresh token without a username. */
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
                if (key.startsWith(USER)) {
                    perUser.count(counter, now);
                } else {
                    policyFor(key).recordFailure(counter, now);
                }
            }
            return null;
        });
    }

    /**
     * A successful login clears the username's failures from that address; those from other
     * addresses still count (they may be an attack going on), and so do the address's.
     */
    public void recordSuccess(String username, String address) {
        database.inTransaction(em -> em.createQuery("DELETE FROM FailureCounter c WHERE c.key = :key")
                .setParameter("key", pairKey(username, ClientAddresses.countingUnit(address)))
                .executeUpdate());
    }

    /** Deletes counters whose window and block have passed. Run by {@link Housekeeping}, never on a request. */
    void cleanUp() {
        long now = clock.millis();
        long windowStartedBefore = now - Duration.ofMinutes(windowMinutes).toMillis();
        database.inTransaction(em -> em
                .createQuery("DELETE FROM FailureCounter c WHERE c.windowStart < :cutoff AND c.blockedUntil < :now")
                .setParameter("cutoff", windowStartedBefore)
                .setParameter("now", now)
                .executeUpdate());
    }

    private ThrottlePolicy policyFor(String key) {
        return key.startsWith(ADDRESS) ? perAddress : perPair;
    }

    /** Names no valid account could have are counted per address only: they can never log in. */
    private static List<String> keys(String username, String address) {
        String unit = ClientAddresses.countingUnit(address);
        List<String> keys = new ArrayList<>(3);
        keys.add(ADDRESS + unit);
        if (username != null && UserRules.isValidUsername(username)) {
            keys.add(pairKey(username, unit));
            keys.add(USER + username);
        }
        return keys;
    }

    private static String pairKey(String username, String unit) {
        return PAIR + unit + " " + username;
    }
}
