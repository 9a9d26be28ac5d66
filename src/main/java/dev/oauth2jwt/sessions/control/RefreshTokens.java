package dev.oauth2jwt.sessions.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.monitoring.Metrics;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import dev.oauth2jwt.crypto.OpaqueTokens;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.sessions.entity.RefreshToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The refresh tokens of the login sessions (RFC 6749 section 6, OAuth 2.0 Security BCP): opaque
 * random values, stored only as their SHA-256, rotated at every use, each living
 * {@code JWT_REFRESH_DAYS} but none past the session's {@code JWT_REFRESH_MAX_DAYS}. A token
 * presented a second time means one copy was stolen: the whole session is revoked, the access
 * tokens naming it included. {@link LoginSessions} starts the sessions.
 */
@ApplicationScoped
public class RefreshTokens implements Chore {

    /** The outcome of presenting a refresh token. */
    public sealed interface Exchange {
        /**
         * {@code authTime} and {@code amr}: the browser login's, for a code's session (an ID token may
         * come with the refresh); else null and a password's.
         */
        record Granted(User user, Set<String> scopes, String sessionId, String refreshToken, Long authTime,
                       AuthenticationMethods amr, String ssoSessionId) implements Exchange {
        }

        /** Why, for the audit log only: the client is told {@code invalid_grant} whatever it is. */
        record Refused(String reason) implements Exchange {
        }
    }

    @Inject
    Database database;

    @Inject
    SessionCheck sessions;

    @Inject
    SessionSettings settings;

    /** Spent refresh tokens kept per session for reuse detection; older ones are forgotten by housekeeping. */
    static final int KEPT_SPENT_TOKENS = 20;

    /** At most this many spent tokens deleted in one statement: a bound on its parameters and its locks. */
    private static final int FORGOTTEN_AT_ONCE = 500;

    /**
     * The sessions that spent a token on this instance since housekeeping's last round: those whose
     * old spent tokens it forgets. One this instance did not see (another's, or when it stopped
     * before its round) is seen again at its next refresh.
     */
    private final Set<String> spendingSessions = ConcurrentHashMap.newKeySet();

    Clock clock = Clock.systemUTC();

    /**
     * Spends the presented token and returns its successor with the user and the scopes to grant:
     * those asked for, within those of the original login and those the user still has.
     */
    public Exchange rotate(String presented, String requestedScope) {
        return rotate(presented, requestedScope, null);
    }

    /** As above, presented by this client (null: none); a session a code started is refreshed by its client only. */
    public Exchange rotate(String presented, String requestedScope, String clientId) {
        long now = clock.millis();
        Settled settled = database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token == null) {
                return Settled.refused("unknown refresh token");
            }
            LoginSession session = em.find(LoginSession.class, token.familyId());
            if (session.revoked()) {
                return Settled.refused("revoked refresh token");
            }
            if (session.clientId() != null && !session.clientId().equals(clientId)) {
                // RFC 6749 section 6: a token issued to a client is refreshed by that client only; not spent
                return Settled.refused("refresh token of another client");
            }
            boolean spentNow = em.createQuery("UPDATE RefreshToken t SET t.usedAt = :now WHERE t.id = :id AND t.usedAt IS NULL")
                    .setParameter("now", now)
                    .setParameter("id", token.id())
                    .executeUpdate() == 1;
            if (!spentNow) {
                sessions.revoke(em, session.id(), now);
                return new Settled(new Exchange.Refused("refresh token reused: session revoked"), session.id());
            }
            if (now >= sessionEnd(session)) {   // also when JWT_REFRESH_MAX_DAYS was lowered since
                return Settled.refused("login session older than JWT_REFRESH_MAX_DAYS");
            }
            if (token.expiresAt() <= now) {
                return Settled.refused("expired refresh token");
            }
            User user = em.find(User.class, token.userId());
            if (user == null || user.disabled()) {
                return Settled.refused("user disabled or deleted");
            }
            Optional<String> refusal = session.refusal(user);
            if (refusal.isPresent()) {
                return Settled.refused(refusal.get());
            }
            Set<String> original = Scope.parse(token.scope());
            Set<String> asked = Scope.parse(requestedScope).isEmpty() ? original : Scope.grantedWithIdentity(requestedScope, original);
            Set<String> scopes = new LinkedHashSet<>(Scope.stillHeld(asked, user.scopes()));
            scopes.retainAll(original);
            String successor = create(em, session, user, scopes, now);
            return new Settled(new Exchange.Granted(user, scopes, session.id(), successor, session.authTime(), session.amr(),
                    session.ssoSessionId()), null);
        });
        if (settled.revokedSession() != null) {
            sessions.forget(settled.revokedSession());   // once committed: a reader meanwhile would cache the session as it was
        }
        if (settled.exchange() instanceof Exchange.Granted granted) {
            spendingSessions.add(granted.sessionId());
        }
        return settled.exchange();
    }

    /** What presenting a refresh token came to, and the session it revoked (a reuse), if any. */
    private record Settled(Exchange exchange, String revokedSession) {

        static Settled refused(String reason) {
            return new Settled(new Exchange.Refused(reason), null);
        }
    }

    /**
     * Keeps the latest {@value #KEPT_SPENT_TOKENS} spent tokens of each session that spent one since
     * the last round, whose reuse revokes it; an older one presented again is merely unknown. Bounds
     * what an app refreshing all day leaves. Once a minute rather than at each refresh, where it cost
     * a sixth of the grant (issue 26): until then, an older spent token presented again still
     * revokes its session.
     */
    @Override
    public void runHousekeeping() {
        for (String sessionId : spendingSessions) {
            spendingSessions.remove(sessionId);   // before: a refresh meanwhile brings it back for the next round
            while (database.inTransaction(em -> forgetOldSpentTokens(em, sessionId)) == FORGOTTEN_AT_ONCE) {
                // a session that spent more than that since (a late round): the rest in further transactions
            }
        }
    }

    private static int forgetOldSpentTokens(EntityManager em, String sessionId) {
        List<Long> old = em.createQuery("SELECT t.id FROM RefreshToken t WHERE t.familyId = :session AND t.usedAt IS NOT NULL "
                        + "ORDER BY t.usedAt DESC, t.id DESC", Long.class)
                .setParameter("session", sessionId)
                .setFirstResult(KEPT_SPENT_TOKENS)
                .setMaxResults(FORGOTTEN_AT_ONCE)
                .getResultList();
        return old.isEmpty() ? 0 : em.createQuery("DELETE FROM RefreshToken t WHERE t.id IN :ids").setParameter("ids", old).executeUpdate();
    }

    /**
     * What introspection may tell of an active refresh token: the account, the client the session's
     * code was issued to (null for a password login's), the scopes. Times in epoch milliseconds.
     */
    public record Active(User user, String clientId, Set<String> scopes, long issuedAt, long expiresAt) {
    }

    /**
     * The refresh token, when it could be exchanged now: unspent, unexpired, its session neither
     * revoked, past {@code JWT_REFRESH_MAX_DAYS} nor outdated by a revocation of its active account.
     * Reads only: looking does not spend it.
     */
    public Optional<Active> introspect(String presented) {
        long now = clock.millis();
        return database.read(em -> {
            RefreshToken token = find(em, presented);
            if (token == null || token.usedAt() != null || token.expiresAt() <= now) {
                return Optional.empty();
            }
            LoginSession session = em.find(LoginSession.class, token.familyId());
            User user = em.find(User.class, token.userId());
            if (session == null || user == null || user.disabled() || now >= sessionEnd(session)
                    || session.refusal(user).isPresent()) {
                return Optional.empty();
            }
            Set<String> scopes = Scope.stillHeld(Scope.parse(token.scope()), user.scopes());
            return Optional.of(new Active(user, session.clientId(), scopes, token.issuedAt(), token.expiresAt()));
        });
    }

    /** What a revocation request came to. */
    public enum Revocation {
        /** Revoked, or nothing to revoke (an unknown value, RFC 7009 section 2.2). */
        DONE,
        /** The token's session was started for another client (or for a client, and none said who it is): nothing revoked. */
        NOT_THE_CLIENTS
    }

    /**
     * RFC 7009: revokes the token's session, its access tokens included, when asked by the client
     * it was issued to ({@code clientId}, null when none identified itself); the token of a password
     * login, issued to no client, by whoever holds it.
     */
    public Revocation revoke(String presented, String clientId) {
        Settled settled = database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token == null) {
                return new Settled(null, null);
            }
            LoginSession session = em.find(LoginSession.class, token.familyId());
            if (session != null && session.clientId() != null && !session.clientId().equals(clientId)) {
                return Settled.refused("refresh token of another client");
            }
            sessions.revoke(em, token.familyId(), clock.millis());
            return new Settled(null, token.familyId());
        });
        if (settled.revokedSession() != null) {
            sessions.forget(settled.revokedSession());
        }
        return settled.exchange() instanceof Exchange.Refused ? Revocation.NOT_THE_CLIENTS : Revocation.DONE;
    }

    /** Published at start-up as {@code oauth2jwt_refresh_tokens_active}. */
    void publishGauge(@Observes @Initialized(ApplicationScoped.class) Object event, Metrics metrics) {
        metrics.gauge("oauth2jwt_refresh_tokens_active", "Refresh tokens neither spent, revoked nor expired", this::countActive);
    }

    /** Refresh tokens that could still be exchanged: neither spent nor expired, in a session not revoked. */
    public long countActive() {
        return database.read(em -> em.createQuery("SELECT COUNT(t) FROM RefreshToken t, LoginSession s "
                        + "WHERE s.id = t.familyId AND s.revokedAt IS NULL AND t.usedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("now", clock.millis())
                .getSingleResult());
    }

    /** A new refresh token of the session, in the caller's transaction: the value, shown once, never stored. */
    String create(EntityManager em, LoginSession session, User user, Set<String> scopes, long now) {
        String token = OpaqueTokens.generate();
        long expiresAt = Math.min(now + settings.refreshTokenLifetime().toMillis(), sessionEnd(session));
        em.persist(new RefreshToken(sha256(token), session.id(), user.id(), String.join(" ", scopes), now, expiresAt));
        return token;
    }

    long sessionEnd(LoginSession session) {
        return session.createdAt() + settings.sessionLifetime().toMillis();
    }

    private static RefreshToken find(EntityManager em, String presented) {
        return em.createQuery("SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", sha256(presented))
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    static String sha256(String value) {
        return OpaqueTokens.sha256(value);
    }
}
