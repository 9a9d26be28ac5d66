package dev.oauth2jwt.sso.control;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.housekeeping.Housekeeping;
import dev.oauth2jwt.sessions.control.SessionCheck;
import dev.oauth2jwt.sessions.control.LoginSessions;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.sso.entity.AuthorizationCode;
import dev.oauth2jwt.sso.entity.AuthorizationGrant;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authorization codes (RFC 6749 section 4.1, RFC 7636, RFC 9700): 256 random bits handed to the
 * browser, stored as their SHA-256, valid {@code AUTHORIZATION_CODE_SECONDS} (60), redeemed once, by
 * the client they were issued to, with the same redirect URI and the PKCE verifier of the
 * challenge. A code presented again means it leaked: the login session it started is revoked, its
 * access and refresh tokens with it.
 */
@ApplicationScoped
public class AuthorizationCodes implements Chore {

    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** Codes of one browser login not yet redeemed: as many as a user opens apps at once, with room. */
    static final int MAX_OPEN_CODES = 10;

    /** What redeeming a code gave: the account, the grant, the new login session and its first refresh token. */
    public sealed interface Redemption {
        record Redeemed(User user, Set<String> scopes, String nonce, long authTime, Set<String> idTokenClaims, String sessionId,
                        String refreshToken, AuthenticationMethods amr, String ssoSessionId) implements Redemption {
        }

        /** {@code invalid_grant}, whatever the reason; the reason for the audit log only. */
        record Refused(String reason) implements Redemption {
        }
    }

    @Inject
    Database database;

    @Inject
    LoginSessions loginSessions;

    @Inject
    SessionCheck sessions;

    @Inject
    @ConfigProperty(name = "authorization-code.seconds")
    int lifetimeSeconds;

    Clock clock = Clock.systemUTC();

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad AUTHORIZATION_CODE_SECONDS stops the deployment
    }

    @PostConstruct
    void checkLifetime() {
        if (lifetimeSeconds < 1 || lifetimeSeconds > 600) {
            throw new IllegalStateException("AUTHORIZATION_CODE_SECONDS is " + lifetimeSeconds
                    + "; it must be between 1 and 600 (RFC 6749 recommends at most 600, 60 is the default)");
        }
    }

    /**
     * A new code for the grant, living no longer than its browser login. A browser login holds at
     * most {@value #MAX_OPEN_CODES} codes not yet redeemed: a new one ends the oldest, so a browser
     * asking again and again leaves no pile of rows.
     */
    public String issue(AuthorizationGrant grant) {
        String code = OpaqueTokens.generate();
        long now = clock.millis();
        database.inTransaction(em -> {
            List<String> oldest = em.createQuery("SELECT c.codeHash FROM AuthorizationCode c WHERE c.ssoSessionId = :sso "
                            + "AND c.usedAt IS NULL AND c.expiresAt > :now ORDER BY c.createdAt DESC", String.class)
                    .setParameter("sso", grant.ssoSessionId())
                    .setParameter("now", now)
                    .setFirstResult(MAX_OPEN_CODES - 1)
                    .getResultList();
            if (!oldest.isEmpty()) {
                em.createQuery("DELETE FROM AuthorizationCode c WHERE c.codeHash IN :hashes").setParameter("hashes", oldest)
                        .executeUpdate();
            }
            em.persist(new AuthorizationCode(OpaqueTokens.sha256(code), grant, now,
                    Math.min(now + Duration.ofSeconds(lifetimeSeconds).toMillis(), grant.loginExpiresAt())));
            return null;
        });
        return code;
    }

    /**
     * Spends the code (even when what comes with it is wrong: a code is tried once) and, when
     * everything matches, starts its login session.
     */
    public Redemption redeem(String code, String clientId, String redirectUri, String codeVerifier) {
        long now = clock.millis();
        Spent spent = database.inTransaction(em -> {
            AuthorizationCode found = em.find(AuthorizationCode.class, OpaqueTokens.sha256(code));
            if (found == null) {
                return new Spent(new Redemption.Refused("unknown authorization code"), List.of());
            }
            boolean spentNow = em.createQuery("UPDATE AuthorizationCode c SET c.usedAt = :now WHERE c.codeHash = :hash "
                            + "AND c.usedAt IS NULL")
                    .setParameter("now", now)
                    .setParameter("hash", found.codeHash())
                    .executeUpdate() == 1;
            if (!spentNow) {
                Redemption replayed = new Redemption.Refused("authorization code replayed: what it produced is revoked");
                if (found.loginSessionId() == null) {
                    return new Spent(replayed, List.of());
                }
                sessions.revoke(em, found.loginSessionId(), now);
                return new Spent(replayed, List.of(found.loginSessionId()));
            }
            return checked(em, found, clientId, redirectUri, codeVerifier, now);
        });
        spent.sessionsEnded().forEach(sessions::forget);
        return spent.redemption();
    }

    /** What the redemption's transaction gave, and the login sessions it ended, to forget once it has committed. */
    private record Spent(Redemption redemption, List<String> sessionsEnded) {
    }

    private Spent checked(EntityManager em, AuthorizationCode code, String clientId, String redirectUri, String codeVerifier,
            long now) {
        Optional<String> refusal = refusal(code, clientId, redirectUri, codeVerifier, now);
        if (refusal.isPresent()) {
            return new Spent(new Redemption.Refused(refusal.get()), List.of());
        }
        User user = em.find(User.class, code.userId());
        if (user == null || user.disabled()) {
            return new Spent(new Redemption.Refused("user disabled or deleted"), List.of());
        }
        Set<String> scopes = Scope.parse(code.scope());
        Optional<LoginSessions.Started> started = loginSessions.start(em, user.id(), code.securityStamp(), scopes,
                new LoginSessions.CodeOrigin(code.ssoSessionId(), clientId, code.authTime(), code.userinfoClaims(), code.amr()));
        if (started.isEmpty()) {
            return new Spent(new Redemption.Refused("account revoked since the browser login"), List.of());
        }
        // a bulk update, as the spending was: a changed managed entity would be written whole by Hibernate, used_at null again
        em.createQuery("UPDATE AuthorizationCode c SET c.loginSessionId = :session WHERE c.codeHash = :hash")
                .setParameter("session", started.get().sessionId())
                .setParameter("hash", code.codeHash())
                .executeUpdate();
        return new Spent(new Redemption.Redeemed(user, scopes, code.nonce(), code.authTime(), code.idTokenClaims(),
                started.get().sessionId(), started.get().refreshToken(), code.amr(), code.ssoSessionId()), started.get().ended());
    }

    /** Why the code cannot be redeemed with these, if it cannot. */
    private static Optional<String> refusal(AuthorizationCode code, String clientId, String redirectUri, String codeVerifier,
            long now) {
        if (code.expiresAt() <= now) {
            return Optional.of("authorization code expired, or its browser login ended");
        }
        if (!code.clientId().equals(clientId)) {
            return Optional.of("authorization code of another client");
        }
        if (!code.redirectUri().equals(redirectUri)) {
            return Optional.of("redirect_uri differs from the authorization request's");
        }
        return pkceProblem(code.codeChallenge(), codeVerifier);
    }

    /**
     * Ends the codes a browser login made that are not redeemed yet (it ended: a logout, another
     * user's login on that browser). A code being redeemed holds its row: this waits for it, and
     * its login session, committed by then, is ended next by the caller.
     */
    public void endWith(String ssoSessionId) {
        long now = clock.millis();
        database.inTransaction(em -> em.createQuery("UPDATE AuthorizationCode c SET c.expiresAt = :now WHERE c.ssoSessionId = :sso "
                        + "AND c.usedAt IS NULL AND c.expiresAt > :now")
                .setParameter("now", now)
                .setParameter("sso", ssoSessionId)
                .executeUpdate());
    }

    /** RFC 7636 section 4.6, and RFC 9700 section 2.1.1: no verifier without a challenge (a downgrade). */
    static Optional<String> pkceProblem(String challenge, String verifier) {
        if (challenge == null) {
            return verifier == null ? Optional.empty() : Optional.of("code_verifier without a code_challenge");
        }
        if (verifier == null) {
            return Optional.of("code_verifier missing");
        }
        if (!VERIFIER.matcher(verifier).matches()) {
            return Optional.of("code_verifier malformed");
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII))
                ? Optional.empty() : Optional.of("code_verifier does not match the code_challenge");
    }

    /** BASE64URL(SHA256(ASCII(verifier))). */
    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void runHousekeeping() {
        cleanUp();
    }

    /** Forgets codes a day after they expired; run by {@link Housekeeping}. */
    void cleanUp() {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        database.inTransaction(em -> em.createQuery("DELETE FROM AuthorizationCode c WHERE c.expiresAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }
}
