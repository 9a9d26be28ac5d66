package dev.oauth2jwt.sessions.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Login sessions: started by a password login or an authorization code (with their first refresh
 * token), at most {@code LOGIN_MAX_SESSIONS_PER_USER} live ones per account (the oldest end first),
 * ended with the browser login their codes came from, forgotten once no token of theirs is left.
 * Whether a session still stands for a token is {@link SessionCheck}'s to say; its refresh tokens
 * are {@link RefreshTokens}'.
 */
@ApplicationScoped
public class LoginSessions implements Chore {

    /**
     * A new session: its id (the access token's {@code sid}), its first refresh token, and the
     * sessions of the account it ended (the oldest, beyond {@code LOGIN_MAX_SESSIONS_PER_USER}),
     * for the caller to {@link SessionCheck#forget} once its transaction has committed.
     */
    public record Started(String sessionId, String refreshToken, List<String> ended) {
    }

    /**
     * Where a session an authorization code starts comes from: its browser login and client, when
     * the user logged in there (epoch ms), and the claims the client asked for at userinfo.
     */
    public record CodeOrigin(String ssoSessionId, String clientId, long authTime, Set<String> userinfoClaims, AuthenticationMethods amr) {
    }

    @Inject
    Database database;

    @Inject
    SessionCheck sessions;

    @Inject
    RefreshTokens refreshTokens;

    /** An account's live login sessions beyond the limit: the oldest end as a new one starts (as Keycloak's session limits). */
    @Inject
    SessionSettings settings;

    Clock clock = Clock.systemUTC();

    /**
     * Starts a session for a password login, with the account as the login read it before checking
     * the password. Empty when the account has been revoked (its stamp changed) or deleted since:
     * that login checked a state that no longer holds. The account's row is locked meanwhile, so a
     * revocation committing later ends this session too.
     */
    public Optional<Started> start(User user, Set<String> scopes) {
        return start(user, scopes, null);
    }

    /** As above, remembering the address the password came from (the account page lists it). */
    public Optional<Started> start(User user, Set<String> scopes, String address) {
        Optional<Started> started = database.inTransaction(em -> start(em, user.id(), user.securityStamp(), scopes, null, address));
        started.ifPresent(this::forgetEnded);
        return started;
    }

    /** Forgets (in this instance's cache) the sessions a new one ended: call once its transaction has committed. */
    public void forgetEnded(Started started) {
        started.ended().forEach(sessions::forget);
    }

    /**
     * Starts a session in the caller's transaction, for the account with the stamp as it was read
     * (by a password login, or by the browser login a code was issued from); empty when it has
     * changed since or the account is gone. A code's session names where it comes from. Under the
     * account's lock, the oldest of its live sessions beyond the limit end.
     */
    public Optional<Started> start(EntityManager em, Long userId, String securityStamp, Set<String> scopes, CodeOrigin origin) {
        return start(em, userId, securityStamp, scopes, origin, null);
    }

    private Optional<Started> start(EntityManager em, Long userId, String securityStamp, Set<String> scopes, CodeOrigin origin,
            String address) {
        long now = clock.millis();
        Optional<User> locked = UserStore.lockedIfUnchanged(em, userId, securityStamp);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        User current = locked.get();
        List<String> ended = endOldestBeyondLimit(em, userId, now);
        LoginSession session = origin == null ? new LoginSession(UUID.randomUUID().toString(), userId, securityStamp, now).from(address)
                : new LoginSession(UUID.randomUUID().toString(), userId, securityStamp, now, origin.ssoSessionId(), origin.clientId(),
                        origin.authTime(), origin.userinfoClaims(), origin.amr());
        em.persist(session);
        return Optional.of(new Started(session.id(), refreshTokens.create(em, session, current, scopes, now), ended));
    }

    /** Revokes the account's oldest live sessions so that, with the one starting, it has at most the limit. */
    private List<String> endOldestBeyondLimit(EntityManager em, Long userId, long now) {
        List<String> beyond = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.userId = :user AND s.revokedAt IS NULL "
                        + "AND s.createdAt > :since ORDER BY s.createdAt DESC, s.id DESC", String.class)
                .setParameter("user", userId)
                .setParameter("since", now - settings.sessionLifetime().toMillis())
                .setFirstResult(settings.maxSessionsPerUser() - 1)
                .getResultList();
        beyond.forEach(id -> sessions.revoke(em, id, now));
        return beyond;
    }

    /**
     * Ends every session a browser login's codes started (logout at {@code GET /logout}, another
     * user's login on that browser, a limit), access tokens included. The single sign-on ends the
     * login's codes first: a code being redeemed meanwhile holds its row until its session is
     * committed, and so found here.
     */
    public void revokeBrowserLogin(String ssoSessionId) {
        long now = clock.millis();
        List<String> ended = database.inTransaction(em -> {
            List<String> ids = em.createQuery("SELECT s.id FROM LoginSession s WHERE s.ssoSessionId = :sso "
                            + "AND s.revokedAt IS NULL", String.class)
                    .setParameter("sso", ssoSessionId)
                    .getResultList();
            ids.forEach(id -> sessions.revoke(em, id, now));
            return ids;
        });
        ended.forEach(sessions::forget);
    }

    /**
     * The account's live sessions (not revoked, of its current security stamp, within the session
     * lifetime), newest first: the apps and password logins the account page lists.
     */
    public List<LoginSession> live(User user) {
        long since = clock.millis() - settings.sessionLifetime().toMillis();
        return database.read(em -> em.createQuery("SELECT s FROM LoginSession s WHERE s.userId = :user AND s.revokedAt IS NULL "
                        + "AND s.securityStamp = :stamp AND s.createdAt > :since ORDER BY s.createdAt DESC, s.id", LoginSession.class)
                .setParameter("user", user.id())
                .setParameter("stamp", user.securityStamp())
                .setParameter("since", since)
                .getResultList());
    }

    /** Ends one session of the account (the account page's button), its access and refresh tokens; false if it is not the account's. */
    public boolean revokeOne(Long userId, String sessionId) {
        long now = clock.millis();
        boolean revoked = database.inTransaction(em -> {
            LoginSession session = em.find(LoginSession.class, sessionId);
            if (session == null || !session.userId().equals(userId) || session.revoked()) {
                return false;
            }
            sessions.revoke(em, sessionId, now);
            return true;
        });
        if (revoked) {
            sessions.forget(sessionId);
        }
        return revoked;
    }

    /**
     * Forgets expired tokens a day later (reuse of an expired token is refused anyway), and sessions
     * without tokens left: every access token naming them has expired long before. Run by
     * {@link Housekeeping}, never on a request.
     */
    @Override
    public void runHousekeeping() {
        cleanUp();
    }

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

}
