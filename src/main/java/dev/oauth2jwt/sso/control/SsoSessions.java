package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.auth.control.Housekeeping;
import dev.oauth2jwt.auth.control.OpaqueTokens;
import dev.oauth2jwt.auth.control.RefreshTokens;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.sso.entity.BrowserLogin;
import dev.oauth2jwt.sso.entity.SsoSession;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser logins (SSO sessions), kept in the database so that every instance knows them: started
 * by the login page, lasting {@code SSO_SESSION_HOURS} (10), ended by logout or by any revocation of
 * the account (its security stamp). The browser holds 256 random bits in a cookie; only their
 * SHA-256 is stored.
 */
@ApplicationScoped
public class SsoSessions {

    /** A new browser login and the cookie value that names it. */
    public record Started(String cookieValue, BrowserLogin login) {
    }

    @Inject
    Database database;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    @ConfigProperty(name = "sso.session-hours")
    int sessionHours;

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
     * user, so that a logout still ends every app's tokens; for another user it ends the old one.
     */
    public Optional<Started> start(User user, String browsersCookie) {
        long now = clock.millis();
        String previous = OpaqueTokens.wellFormed(browsersCookie) ? OpaqueTokens.sha256(browsersCookie) : null;
        Optional<Started> started = database.inTransaction(em -> {
            User current = em.find(User.class, user.id(), LockModeType.PESSIMISTIC_WRITE);
            if (current == null || !current.securityStamp().equals(user.securityStamp())) {
                return Optional.empty();
            }
            SsoSession standing = previous == null ? null : em.find(SsoSession.class, previous, LockModeType.PESSIMISTIC_WRITE);
            if (standing != null && standing.validFor(current, now)) {
                standing.renew(now);
                return Optional.of(new Started(browsersCookie, new BrowserLogin(standing.id(), current, now)));
            }
            if (standing != null) {
                standing.end(now);
            }
            String cookie = OpaqueTokens.generate();
            SsoSession session = new SsoSession(OpaqueTokens.sha256(cookie), current, now, now + Duration.ofHours(sessionHours).toMillis());
            em.persist(session);
            return Optional.of(new Started(cookie, new BrowserLogin(session.id(), current, now)));
        });
        if (previous != null && started.isPresent() && !started.get().login().sessionId().equals(previous)) {
            refreshTokens.revokeBrowserLogin(previous);
        }
        return started;
    }

    /** The browser login the cookie names, if it still stands. */
    public Optional<BrowserLogin> find(String cookieValue) {
        if (!OpaqueTokens.wellFormed(cookieValue)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(em -> {
            SsoSession session = em.find(SsoSession.class, OpaqueTokens.sha256(cookieValue));
            if (session == null) {
                return Optional.empty();
            }
            User user = em.find(User.class, session.userId());
            return session.validFor(user, now) ? Optional.of(new BrowserLogin(session.id(), user, session.authTime()))
                    : Optional.empty();
        });
    }

    /** Ends the browser login the cookie names, and every token a code of it produced; nothing if unknown. */
    public void end(String cookieValue) {
        if (!OpaqueTokens.wellFormed(cookieValue)) {
            return;
        }
        String id = OpaqueTokens.sha256(cookieValue);
        long now = clock.millis();
        database.inTransaction(em -> em.createQuery("UPDATE SsoSession s SET s.endedAt = :now WHERE s.id = :id AND s.endedAt IS NULL")
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate());
        refreshTokens.revokeBrowserLogin(id);
    }

    /** Forgets browser logins a day after they expired or ended, at the housekeeping's round. */
    void cleanUp(@Observes Housekeeping.Due due) {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        database.inTransaction(em -> em.createQuery("DELETE FROM SsoSession s WHERE s.expiresAt < :cutoff OR s.endedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }
}
