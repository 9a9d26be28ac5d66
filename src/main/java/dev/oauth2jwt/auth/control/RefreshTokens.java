package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.entity.LoginSession;
import dev.oauth2jwt.auth.entity.RefreshToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login sessions and their refresh tokens (RFC 6749 section 6, OAuth 2.0 Security BCP). A password
 * login starts a session; its refresh tokens are opaque random values, stored only as their
 * SHA-256, rotated at every use, each living {@code JWT_REFRESH_DAYS} but none past the session's
 * {@code JWT_REFRESH_MAX_DAYS}. A token presented a second time means one copy was stolen: the
 * whole session is revoked, the access tokens naming it included.
 */
@ApplicationScoped
public class RefreshTokens {

    /**
     * A new session: its id (the access token's {@code sid}), its first refresh token, and the
     * sessions of the account it ended (the oldest, beyond {@code LOGIN_MAX_SESSIONS_PER_USER}),
     * for the caller to {@link LoginSessions#forget} once its transaction has committed.
     */
    public record Started(String sessionId, String refreshToken, List<String> ended) {
    }

    /**
     * Where a session an authorization code starts comes from: its browser login and client, when
     * the user logged in there (epoch ms), and the claims the client asked for at userinfo.
     */
    public record CodeOrigin(String ssoSessionId, String clientId, long authTime, Set<String> userinfoClaims) {
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Exchange {
        /** {@code authTime}: the browser login's, for a code's session (an ID token may come with the refresh); else null. */
        record Granted(User user, Set<String> scopes, String sessionId, String refreshToken, Long authTime) implements Exchange {
        }

        /** Why, for the audit log only: the client is told {@code invalid_grant} whatever it is. */
        record Refused(String reason) implements Exchange {
        }
    }

    @Inject
    Database database;

    @Inject
    LoginSessions sessions;

    @Inject
    @ConfigProperty(name = "jwt.refresh-days")
    int refreshDays;

    @Inject
    @ConfigProperty(name = "jwt.refresh-max-days")
    int refreshMaxDays;

    /** An account's live login sessions beyond this: the oldest end as a new one starts (as Keycloak's session limits). */
    @Inject
    @ConfigProperty(name = "login.max-sessions-per-user")
    int maxSessionsPerUser = 100;

    /** Spent refresh tokens kept per session for reuse detection; older ones are forgotten. */
    static final int KEPT_SPENT_TOKENS = 20;

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void checkLifetime() {
        if (refreshDays < 1) {
            throw new IllegalStateException("JWT_REFRESH_DAYS is " + refreshDays + "; it must be at least 1");
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalStateException("LOGIN_MAX_SESSIONS_PER_USER is " + maxSessionsPerUser + "; it must be at least 1");
        }
        if (refreshMaxDays < refreshDays) {
            throw new IllegalStateException("JWT_REFRESH_MAX_DAYS (" + refreshMaxDays + ") is below JWT_REFRESH_DAYS ("
                    + refreshDays + "): it bounds a whole login session, a single refresh token cannot outlive it");
        }
    }

    /**
     * Starts a session for a password login, with the account as the login read it before checking
     * the password. Empty when the account has been revoked (its stamp changed) or deleted since:
     * that login checked a state that no longer holds. The account's row is locked meanwhile, so a
     * revocation committing later ends this session too.
     */
    public Optional<Started> start(User user, Set<String> scopes) {
        Optional<Started> started = database.inTransaction(em -> start(em, user.id(), user.securityStamp(), scopes, null));
        started.ifPresent(this::forgetEnded);
        return started;
    }

    /** Forgets (in this instance's cache) the sessions a new one ended: call once its transaction has committed. */
    void forgetEnded(Started started) {
        started.ended().forEach(sessions::forget);
    }

    /**
     * Starts a session in the caller's transaction, for the account with the stamp as it was read
     * (by a password login, or by the browser login a code was issued from); empty when it has
     * changed since or the account is gone. A code's session names where it comes from. Under the
     * account's lock, the oldest of its live sessions beyond the limit end.
     */
    Optional<Started> start(EntityManager em, Long userId, String securityStamp, Set<String> scopes, CodeOrigin origin) {
        long now = clock.millis();
        User current = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (current == null || !current.securityStamp().equals(securityStamp)) {
            return Optional.empty();
        }
        List<String> ended = endOldestBeyondLimit(em, userId, now);
        LoginSession session = origin == null ? new LoginSession(UUID.randomUUID().toString(), userId, securityStamp, now)
                : new LoginSession(UUID.randomUUID().toString(), userId, securityStamp, now, origin.ssoSessionId(), origin.clientId(),
                        origin.authTime(), origin.userinfoClaims());
        em.persist(session);
        return Optional.of(new Started(session.id(), create(em, session, current, scopes, now), ended));
    }

    /** Revokes the account's oldest live sessions so that, with the one starting, it has at most the limit. */
    private List<String> endOldestBeyondLimit(EntityManager em, Long userId, long now) {
        List<String> beyond = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.userId = :user AND s.revokedAt IS NULL "
                        + "AND s.createdAt > :since ORDER BY s.createdAt DESC, s.id DESC", String.class)
                .setParameter("user", userId)
                .setParameter("since", now - Duration.ofDays(refreshMaxDays).toMillis())
                .setFirstResult(maxSessionsPerUser - 1)
                .getResultList();
        beyond.forEach(id -> sessions.revoke(em, id, now));
        return beyond;
    }

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
        String[] revokedSession = new String[1];
        Exchange exchange = database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token == null) {
                return new Exchange.Refused("unknown refresh token");
            }
            LoginSession session = em.find(LoginSession.class, token.familyId());
            if (session.revoked()) {
                return new Exchange.Refused("revoked refresh token");
            }
            if (session.clientId() != null && !session.clientId().equals(clientId)) {
                // RFC 6749 section 6: a token issued to a client is refreshed by that client only; not spent
                return new Exchange.Refused("refresh token of another client");
            }
            boolean spentNow = em.createQuery("UPDATE RefreshToken t SET t.usedAt = :now WHERE t.id = :id AND t.usedAt IS NULL")
                    .setParameter("now", now)
                    .setParameter("id", token.id())
                    .executeUpdate() == 1;
            if (!spentNow) {
                sessions.revoke(em, session.id(), now);
                revokedSession[0] = session.id();
                return new Exchange.Refused("refresh token reused: session revoked");
            }
            if (now >= sessionEnd(session)) {   // also when JWT_REFRESH_MAX_DAYS was lowered since
                return new Exchange.Refused("login session older than JWT_REFRESH_MAX_DAYS");
            }
            if (token.expiresAt() <= now) {
                return new Exchange.Refused("expired refresh token");
            }
            User user = em.find(User.class, token.userId());
            if (user == null || user.disabled()) {
                return new Exchange.Refused("user disabled or deleted");
            }
            Optional<String> refusal = session.refusal(user);
            if (refusal.isPresent()) {
                return new Exchange.Refused(refusal.get());
            }
            Set<String> original = Scope.parse(token.scope());
            Set<String> scopes = Scope.parse(requestedScope).isEmpty() ? original
                    : Scope.grantedWithIdentity(requestedScope, original);
            scopes.removeIf(scope -> Scope.isKnown(scope) && !user.scopes().contains(scope));
            scopes.retainAll(original);
            String successor = create(em, session, user, scopes, now);
            forgetOldSpentTokens(em, session.id());
            return new Exchange.Granted(user, scopes, session.id(), successor, session.authTime());
        });
        if (revokedSession[0] != null) {
            sessions.forget(revokedSession[0]);
        }
        return exchange;
    }

    /**
     * Keeps the latest {@value #KEPT_SPENT_TOKENS} spent tokens of a session, whose reuse revokes it;
     * an older one presented again is merely unknown. Bounds what an app refreshing all day leaves.
     */
    private static void forgetOldSpentTokens(EntityManager em, String sessionId) {
        List<Long> old = em.createQuery("SELECT t.id FROM RefreshToken t WHERE t.familyId = :session AND t.usedAt IS NOT NULL "
                        + "ORDER BY t.usedAt DESC, t.id DESC", Long.class)
                .setParameter("session", sessionId)
                .setFirstResult(KEPT_SPENT_TOKENS)
                .setMaxResults(100)
                .getResultList();
        if (!old.isEmpty()) {
            em.createQuery("DELETE FROM RefreshToken t WHERE t.id IN :ids").setParameter("ids", old).executeUpdate();
        }
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
            Set<String> scopes = Scope.parse(token.scope());
            scopes.removeIf(scope -> Scope.isKnown(scope) && !user.scopes().contains(scope));
            return Optional.of(new Active(user, session.clientId(), scopes, token.issuedAt(), token.expiresAt()));
        });
    }

    /** RFC 7009: revokes the token's session, its access tokens included; unknown values are ignored. */
    public void revoke(String presented) {
        String revoked = database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token == null) {
                return null;
            }
            sessions.revoke(em, token.familyId(), clock.millis());
            return token.familyId();
        });
        if (revoked != null) {
            sessions.forget(revoked);
        }
    }

    /**
     * Ends what a browser login gave (logout at {@code GET /logout}, another user's login on that
     * browser, a limit): its codes not yet redeemed, then every session its codes started, access
     * tokens included. In that order, in one transaction: a code being redeemed meanwhile holds its
     * row, so its new session is committed, and found here, before the codes are ended.
     */
    public void revokeBrowserLogin(String ssoSessionId) {
        long now = clock.millis();
        List<String> ended = database.inTransaction(em -> {
            em.createQuery("UPDATE AuthorizationCode c SET c.expiresAt = :now WHERE c.ssoSessionId = :sso AND c.usedAt IS NULL "
                            + "AND c.expiresAt > :now")
                    .setParameter("now", now)
                    .setParameter("sso", ssoSessionId)
                    .executeUpdate();
            List<String> ids = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.ssoSessionId = :sso "
                            + "AND s.revokedAt IS NULL", String.class)
                    .setParameter("sso", ssoSessionId)
                    .getResultList();
            ids.forEach(id -> sessions.revoke(em, id, now));
            return ids;
        });
        ended.forEach(sessions::forget);
    }

    /** Refresh tokens that could still be exchanged: neither spent nor expired, in a session not revoked. */
    public long countActive() {
        return database.read(em -> em.createQuery("SELECT COUNT(t) FROM RefreshToken t, LoginSession s "
                        + "WHERE s.id = t.familyId AND s.revokedAt IS NULL AND t.usedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("now", clock.millis())
                .getSingleResult());
    }

    private String create(EntityManager em, LoginSession session, User user, Set<String> scopes, long now) {
        String token = OpaqueTokens.generate();
        long expiresAt = Math.min(now + Duration.ofDays(refreshDays).toMillis(), sessionEnd(session));
        em.persist(new RefreshToken(sha256(token), session.id(), user.id(), String.join(" ", scopes), now, expiresAt));
        return token;
    }

    private long sessionEnd(LoginSession session) {
        return session.createdAt() + Duration.ofDays(refreshMaxDays).toMillis();
    }

    private static RefreshToken find(EntityManager em, String presented) {
        return em.createQuery("SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", sha256(presented))
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /**
     * Forgets expired tokens a day later (reuse of an expired token is refused anyway), and sessions
     * without tokens left: every access token naming them has expired long before. Run by
     * {@link Housekeeping}, never on a request.
     */
    void cleanUp() {
        long now = clock.millis();
        long dayAgo = now - Duration.ofDays(1).toMillis();
        database.inTransaction(em -> {
            em.createQuery("DELETE FROM RefreshToken t WHERE t.expiresAt < :cutoff")
                    .setParameter("cutoff", dayAgo)
                    .executeUpdate();
            return em.createQuery("DELETE FROM LoginSession s WHERE s.createdAt < :cutoff AND NOT EXISTS "
                            + "(SELECT t FROM RefreshToken t WHERE t.familyId = s.id)")
                    .setParameter("cutoff", dayAgo)
                    .executeUpdate();
        });
    }

    static String sha256(String value) {
        return OpaqueTokens.sha256(value);
    }
}
