package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.housekeeping.Housekeeping;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.http.control.IpAddresses;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.throttling.entity.FailureCounter;
import dev.oauth2jwt.users.control.UserRules;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.Initialized;
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
public class LoginThrottle implements Chore {

    /**
     * What is being attempted, and so what counts and what the audit line says: a password (counted
     * per username), a client's secret (per client), a presented refresh token or code (per address
     * only: it names no one).
     */
    public enum Attempt {
        LOGIN("", Outcome.FAILURE, Subject.USERNAME),
        LOGIN_PAGE("login page, ", Outcome.FAILURE, Subject.USERNAME),
        PASSWORD_CHANGE("password change, ", Outcome.FAILURE, Subject.USERNAME),
        /** A code at the login page's second step: counted as a wrong password is. */
        SECOND_FACTOR("second factor, ", Outcome.FAILURE, Subject.USERNAME),
        /** A passwordless login's passkey: no name typed, so counted per address. */
        PASSKEY("passkey, ", Outcome.FAILURE, Subject.NONE),
        REFRESH_TOKEN("refresh token, ", Outcome.REFRESH_REFUSED, Subject.NONE),
        AUTHORIZATION_CODE("authorization code, ", Outcome.CODE_REFUSED, Subject.NONE),
        CLIENT("", Outcome.FAILURE, Subject.CLIENT);

        enum Subject { USERNAME, CLIENT, NONE }

        private final String where;
        private final Outcome failure;
        private final Subject subject;

        Attempt(String where, Outcome failure, Subject subject) {
            this.where = where;
            this.failure = failure;
            this.subject = subject;
        }

        /** What the audit line's reason starts with. */
        public String where() {
            return where;
        }
    }

    /**
     * What an attempt may do: be refused for {@code retryAfterSeconds}, or go on, answered no sooner
     * than {@code slowdownMillis}; {@code pairCounted}: whether failures of its username or client
     * from its address were counted when it was checked, which a success is to clear.
     */
    public record Verdict(long retryAfterSeconds, long slowdownMillis, boolean pairCounted) {

        public boolean refused() {
            return retryAfterSeconds > 0;
        }
    }

    private static final String PAIR = "pair:";
    private static final String ADDRESS = "addr:";
    private static final String USER = "user:";
    private static final String CLIENT = "client:";

    @Inject
    Database database;

    @Inject
    AuditLog audit;

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

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad LOGIN_THROTTLE_* setting stops the deployment
    }

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

    /**
     * What the attempt (by this username or client id, null for none) from this address may do now;
     * a refusal is audited.
     */
    public Verdict admit(Attempt attempt, String subject, String address) {
        Verdict verdict = switch (attempt.subject) {
            case USERNAME -> check(subject, address);
            case CLIENT -> checkClient(subject, address);
            case NONE -> check(null, address);
        };
        if (verdict.refused()) {
            String reason = attempt.where + "retry after " + verdict.retryAfterSeconds() + " s";
            if (attempt.subject == Attempt.Subject.CLIENT) {
                audit.clientAuthentication(Outcome.THROTTLED, subject, address, reason);
            } else {
                audit.loginThrottled(subject, address, reason);
            }
        }
        return verdict;
    }

    /** A failed attempt: counted, and audited with why (for the log only, never the client). */
    public void failed(Attempt attempt, String subject, String address, String reason) {
        switch (attempt.subject) {
            case USERNAME -> recordFailure(subject, address);
            case CLIENT -> recordClientFailure(subject, address);
            case NONE -> recordFailure(null, address);
        }
        if (attempt.subject == Attempt.Subject.CLIENT) {
            audit.clientAuthentication(attempt.failure, subject, address, reason);
        } else {
            audit.login(attempt.failure, attempt.subject == Attempt.Subject.NONE ? null : subject, address, attempt.where + reason);
        }
    }

    /**
     * A successful attempt, admitted by {@code admitted}: the failures of its username or client from
     * that address are cleared, when its check counted any (the caller audits it). A client
     * authenticating thousands of times a second so writes nothing (issue 26); a failure counted
     * meanwhile from the same address stays, until a success that saw it.
     */
    public void succeeded(Attempt attempt, String subject, String address, Verdict admitted) {
        if (admitted.pairCounted()) {
            succeeded(attempt, subject, address);
        }
    }

    /** A successful attempt: the failures of its username or client from that address are cleared (the caller audits it). */
    public void succeeded(Attempt attempt, String subject, String address) {
        switch (attempt.subject) {
            case USERNAME -> recordSuccess(subject, address);
            case CLIENT -> recordClientSuccess(subject, address);
            case NONE -> {
                // a code or a refresh token names no one whose count could be cleared
            }
        }
    }

    /** What an attempt for this username (null: none, a refresh token) from this address may do now. */
    Verdict check(String username, String address) {
        return checkKeys(userKey(username), address);
    }

    /** What a client authentication for this client id from this address may do now. */
    Verdict checkClient(String clientId, String address) {
        return checkKeys(clientKey(clientId), address);
    }

    /** The verdict of the counters of an attempt by this subject (a username's or client's key; null: none) from this address. */
    private Verdict checkKeys(String subject, String address) {
        String unit = IpAddresses.countingUnit(address);
        List<String> keys = keys(subject, unit);
        String pair = pairKey(subject, unit);
        long now = clock.millis();
        List<FailureCounter> counters = database.read(em -> em
                .createQuery("SELECT c FROM FailureCounter c WHERE c.key IN :keys", FailureCounter.class)
                .setParameter("keys", keys)
                .getResultList());
        long blocked = 0;
        long slowdown = 0;
        boolean pairCounted = false;
        for (FailureCounter counter : counters) {
            pairCounted |= counter.key().equals(pair);
            if (slowsDown(counter.key())) {
                slowdown = perUser.slowdownMillis(counter, now);
            } else {
                blocked = Math.max(blocked, policyFor(counter.key()).blockedMillis(counter, now));
            }
        }
        return new Verdict((blocked + 999) / 1000, slowdown, pairCounted);
    }

    /** A failed login for the username from the address; a junk refresh token without a username. */
    void recordFailure(String username, String address) {
        recordFailure(keys(userKey(username), IpAddresses.countingUnit(address)));
    }

    /** A failed client authentication: counted like a failed login, per client and address and per address. */
    void recordClientFailure(String clientId, String address) {
        recordFailure(keys(clientKey(clientId), IpAddresses.countingUnit(address)));
    }

    private void recordFailure(List<String> keys) {
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
                if (slowsDown(key)) {
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
    void recordSuccess(String username, String address) {
        clearPair(userKey(username), address);
    }

    void recordClientSuccess(String clientId, String address) {
        clearPair(clientKey(clientId), address);
    }

    private void clearPair(String subject, String address) {
        if (subject == null) {
            return;
        }
        database.inTransaction(em -> em.createQuery("DELETE FROM FailureCounter c WHERE c.key = :key")
                .setParameter("key", pairKey(subject, IpAddresses.countingUnit(address)))
                .executeUpdate());
    }

    @Override
    public void runHousekeeping() {
        cleanUp();
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

    /** The counters of a username or a client id: those that only slow answers down. */
    private static boolean slowsDown(String key) {
        return key.startsWith(USER) || key.startsWith(CLIENT);
    }

    /**
     * The counters an attempt touches: its address's (by its counting unit, {@link IpAddresses#countingUnit}),
     * and its username's or client's from that address and from anywhere.
     */
    private static List<String> keys(String subject, String unit) {
        List<String> keys = new ArrayList<>(3);
        keys.add(ADDRESS + unit);
        if (subject != null) {
            keys.add(pairKey(subject, unit));
            keys.add(subject);
        }
        return keys;
    }

    /** The counter of a username's or client's failures from an address's counting unit; null without a subject. */
    private static String pairKey(String subject, String unit) {
        return subject == null ? null : PAIR + unit + " " + subject;
    }

    /** Names no valid account could have are counted per address only: they can never log in. */
    private static String userKey(String username) {
        return username != null && UserRules.isValidUsername(username) ? USER + username : null;
    }

    /** Ids longer than any client's are counted per address only. */
    private static String clientKey(String clientId) {
        return clientId != null && !clientId.isEmpty() && clientId.length() <= 64 ? CLIENT + clientId : null;
    }
}
