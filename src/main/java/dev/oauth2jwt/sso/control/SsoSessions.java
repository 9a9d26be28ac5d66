package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.logout.control.SingleLogout;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.sessions.control.LoginSessions;
import dev.oauth2jwt.sessions.control.SessionSettings;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.sso.entity.SsoSession;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser logins (SSO sessions), kept in the database so that every instance knows them: started
 * by the login page, lasting {@code SSO_SESSION_HOURS} (10), ended by logout or by any revocation of
 * the account (its security stamp). The browser holds 256 random bits in a cookie, replaced at
 * every login on that browser; only their SHA-256 is stored.
 */
@ApplicationScoped
public class SsoSessions implements Chore {

    /** A new browser login and the cookie value that names it. */
    public record Started(String cookieValue, BrowserLogin login) {
    }

    @Inject
    Database database;

    @Inject
    LoginSessions loginSessions;

    @Inject
    AuthorizationCodes codes;

    @Inject
    SingleLogout singleLogout;

    @Inject
    @ConfigProperty(name = "sso.session-hours")
    int sessionHours;

    /** Browser logins per account are bounded as login sessions are ({@code LOGIN_MAX_SESSIONS_PER_USER}). */
    @Inject
    SessionSettings sessionSettings;

    Clock clock = Clock.systemUTC();

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad SSO_SESSION_HOURS stops the deployment
    }

    @PostConstruct
    void checkLifetime() {
        if (sessionHours < 1 || sessionHours > 24 * 30) {
            throw new IllegalStateException("SSO_SESSION_HOURS is " + sessionHours + "; it must be between 1 and 720");
        }
    }

    public int sessionSeconds() {
        return sessionHours * 3600;
    }

    public long now() {
        return clock.millis();
    }

    /**
     * Starts a browser login for the account as the login page read it; empty when a revocation or
     * a delete has changed it since (the row is locked meanwhile, as for a password login). A login
     * on a browser that already has one (prompt=login, max_age) renews the same login for the same
     * user under a new cookie, so that a logout still ends every app's tokens; for another user it
     * ends the old one. Beyond {@code LOGIN_MAX_SESSIONS_PER_USER} browser logins of the account,
     * the oldest end.
     */
    public Optional<Started> start(User user, String browsersCookie, AuthenticationMethods amr, String address, String userAgent) {
        long now = clock.millis();
        String previous = OpaqueTokens.wellFormed(browsersCookie) ? OpaqueTokens.sha256(browsersCookie) : null;
        String cookie = OpaqueTokens.generate();
        Begun begun = database.inTransaction(em -> {
            Optional<User> locked = UserStore.lockedIfUnchanged(em, user.id(), user.securityStamp());
            if (locked.isEmpty()) {
                return new Begun(Optional.empty(), List.of());
            }
            User current = locked.get();
            SsoSession standing = previous == null ? null : byCookie(em, previous, true);
            if (standing != null && standing.validFor(current, now)) {
                standing.renew(now, OpaqueTokens.sha256(cookie), amr, address);
                return new Begun(Optional.of(new Started(cookie, new BrowserLogin(standing.id(), current, now, standing.expiresAt(),
                        amr))), List.of());
            }
            List<String> ended = new ArrayList<>();
            if (standing != null) {
                standing.end(now);
                ended.add(standing.id());
            }
            ended.addAll(endOldestBeyondLimit(em, current, now));
            ended.forEach(id -> singleLogout.browserLoginEnded(em, id));
            SsoSession session = new SsoSession(UUID.randomUUID().toString(), OpaqueTokens.sha256(cookie), current, now,
                    now + Duration.ofHours(sessionHours).toMillis(), amr, address, userAgent);
            em.persist(session);
            return new Begun(Optional.of(new Started(cookie, new BrowserLogin(session.id(), current, now, session.expiresAt(), amr))),
                    ended);
        });
        begun.ended().forEach(this::endWhatItGave);
        return begun.started();
    }

    /** What starting a browser login gave, and the browser logins it ended, whose tokens go once it has committed. */
    private record Begun(Optional<Started> started, List<String> ended) {
    }

    /** Ends the account's oldest standing browser logins so that, with the one starting, it has at most the limit. */
    private List<String> endOldestBeyondLimit(EntityManager em, User user, long now) {
        List<SsoSession> beyond = em.createQuery("SELECT s FROM SsoSession s WHERE s.userId = :user AND s.endedAt IS NULL "
                        + "AND s.expiresAt > :now ORDER BY s.expiresAt DESC, s.id DESC", SsoSession.class)
                .setParameter("user", user.id())
                .setParameter("now", now)
                .setFirstResult(sessionSettings.maxSessionsPerUser() - 1)
                .getResultList();
        beyond.forEach(session -> session.end(now));
        return beyond.stream().map(SsoSession::id).toList();
    }

    /** The browser login the cookie names, if it still stands. */
    public Optional<BrowserLogin> find(String cookieValue) {
        if (!OpaqueTokens.wellFormed(cookieValue)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(em -> {
            SsoSession session = byCookie(em, OpaqueTokens.sha256(cookieValue), false);
            if (session == null) {
                return Optional.empty();
            }
            User user = em.find(User.class, session.userId());
            return session.validFor(user, now)
                    ? Optional.of(new BrowserLogin(session.id(), user, session.authTime(), session.expiresAt(), session.amr()))
                    : Optional.empty();
        });
    }

    /** Ends the browser login the cookie names, its codes and every token they produced; nothing if unknown. */
    public void end(String cookieValue) {
        if (!OpaqueTokens.wellFormed(cookieValue)) {
            return;
        }
        long now = clock.millis();
        Optional<String> ended = database.inTransaction(em -> {
            SsoSession session = byCookie(em, OpaqueTokens.sha256(cookieValue), true);
            if (session == null) {
                return Optional.empty();
            }
            session.end(now);
            singleLogout.browserLoginEnded(em, session.id());
            return Optional.of(session.id());
        });
        ended.ifPresent(this::endWhatItGave);
    }

    /** The account's standing browser logins, newest first (the account page lists them). */
    public List<SsoSession> standing(Long userId) {
        long now = clock.millis();
        return database.read(em -> em.createQuery("SELECT s FROM SsoSession s WHERE s.userId = :user AND s.endedAt IS NULL "
                        + "AND s.expiresAt > :now ORDER BY s.authTime DESC, s.id", SsoSession.class)
                .setParameter("user", userId)
                .setParameter("now", now)
                .getResultList());
    }

    /** Ends one browser login of the account by its id (the account page's button), its codes and tokens; false if not its. */
    public boolean endById(Long userId, String sessionId) {
        long now = clock.millis();
        boolean ended = database.inTransaction(em -> {
            SsoSession session = em.find(SsoSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
            if (session == null || !session.userId().equals(userId) || session.ended()) {
                return false;
            }
            session.end(now);
            singleLogout.browserLoginEnded(em, session.id());
            return true;
        });
        if (ended) {
            endWhatItGave(sessionId);
        }
        return ended;
    }

    /**
     * Ends one application's session of the account (a button on the account page or an
     * administrator's call): its tokens, and the application is told; false if not the account's.
     */
    public boolean endAppSession(Long userId, String loginSessionId) {
        boolean ended = loginSessions.revokeOne(userId, loginSessionId);
        if (ended) {
            singleLogout.appSessionEnded(loginSessionId);
        }
        return ended;
    }

    /**
     * A browser login ended: its codes not yet redeemed, then the login sessions its codes started;
     * its applications are told (those that redeemed a code meanwhile too).
     */
    private void endWhatItGave(String ssoSessionId) {
        codes.endWith(ssoSessionId);
        loginSessions.revokeBrowserLogin(ssoSessionId);
        singleLogout.browserLoginEndedCommitted(ssoSessionId);
    }

    private static SsoSession byCookie(EntityManager em, String cookieHash, boolean lock) {
        var query = em.createQuery("SELECT s FROM SsoSession s WHERE s.cookieHash = :hash", SsoSession.class)
                .setParameter("hash", cookieHash);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst().orElse(null);
    }

    /** Forgets browser logins a day after they expired or ended, at the housekeeping's round. */
    @Override
    public void runHousekeeping() {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        database.inTransaction(em -> em.createQuery("DELETE FROM SsoSession s WHERE s.expiresAt < :cutoff OR s.endedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }
}
