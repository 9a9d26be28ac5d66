package dev.oauth2jwt.sessions.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.caching.CacheSettings;
import dev.oauth2jwt.caching.ExpiringCache;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Login sessions as the token check sees them: whether an access token is revoked. A token naming
 * a session ({@code sid}) works while that session is neither revoked nor outdated by a
 * revocation of its account; one without (a FastAPI service's) while it was issued after the
 * account's last revocation. Sessions are read through the same short cache as the users, and
 * forgotten here as soon as this instance revokes one.
 */
@ApplicationScoped
public class SessionCheck {

    static final int CACHE_SIZE = 10_000;

    @Inject
    Database database;

    @Inject
    CacheSettings cache;

    LongSupplier nanoTime = System::nanoTime;
    Clock clock = Clock.systemUTC();
    private ExpiringCache<String, Optional<LoginSession>> recentReads;

    @PostConstruct
    void init() {
        recentReads = ExpiringCache.keepingFor(cache.maxAgeMillis(), CACHE_SIZE, () -> nanoTime.getAsLong());
    }

    /** Why the token no longer works for the account it names, if it does not. */
    public Optional<String> revocation(VerifiedToken token, User user) {
        if (token.sessionId() == null) {
            return token.issuedAt() < user.tokensValidAfter()
                    ? Optional.of("revoked: issued before the account's last revocation or its creation")
                    : Optional.empty();
        }
        return recentReads.get(token.sessionId(), this::find)
                .map(session -> session.refusal(user))
                .orElse(Optional.of("unknown login session"));
    }

    /**
     * Whether the token's session started so recently (within the cache's time, and a second for
     * clocks of instances that differ) that an account read from the cache may predate its login:
     * its refusal for a changed stamp is then checked again against the account as it is now.
     */
    public boolean startedRecently(VerifiedToken token) {
        if (token.sessionId() == null) {
            return false;
        }
        long since = clock.millis() - cache.maxAgeMillis() - 1000;
        return recentReads.get(token.sessionId(), this::find).map(session -> session.createdAt() > since).orElse(false);
    }

    /** The claims the client of a code's session asked for by name at userinfo; none for other sessions. */
    public Set<String> userinfoClaims(String sessionId) {
        if (sessionId == null) {
            return Set.of();
        }
        return recentReads.get(sessionId, this::find).map(LoginSession::userinfoClaims).orElse(Set.of());
    }

    /** Revokes the session in the caller's transaction; {@link #forget} it once that commits. */
    public void revoke(EntityManager em, String sessionId, long now) {
        em.createQuery("UPDATE LoginSession s SET s.revokedAt = :now WHERE s.id = :id AND s.revokedAt IS NULL")
                .setParameter("now", now)
                .setParameter("id", sessionId)
                .executeUpdate();
    }

    public void forget(String sessionId) {
        recentReads.forget(sessionId);
    }

    private Optional<LoginSession> find(String sessionId) {
        return database.read(em -> Optional.ofNullable(em.find(LoginSession.class, sessionId)));
    }
}
