package dev.oauth2jwt.token.control;

import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.security.entity.Scope;
import dev.oauth2jwt.token.entity.RefreshToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refresh tokens (RFC 6749 section 6, OAuth 2.0 Security BCP): opaque random values, stored only as
 * their SHA-256, rotated at every use. A token presented a second time means one copy was stolen:
 * its whole family (every token rotated from the same login) is revoked.
 */
@ApplicationScoped
public class RefreshTokens {

    /** The outcome of presenting a refresh token. */
    public sealed interface Exchange {
        record Granted(User user, Set<String> scopes, String refreshToken) implements Exchange {
        }

        /** Why, for the audit log only: the client is told {@code invalid_grant} whatever it is. */
        record Refused(String reason) implements Exchange {
        }
    }

    private static final long CLEANUP_EVERY_MILLIS = 60_000;

    @Inject
    Database database;

    @Inject
    @ConfigProperty(name = "jwt.refresh-days")
    int refreshDays;

    Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastCleanup = new AtomicLong();

    @PostConstruct
    void checkLifetime() {
        if (refreshDays < 1) {
            throw new IllegalStateException("JWT_REFRESH_DAYS is " + refreshDays + "; it must be at least 1");
        }
    }

    /** A new refresh token, starting a family, for a password login. */
    public String issue(User user, Set<String> scopes) {
        return database.inTransaction(em -> create(em, user, scopes, UUID.randomUUID().toString()));
    }

    /**
     * Spends the presented token and returns its successor with the user and the scopes to grant:
     * those asked for, within those of the original login and those the user still has.
     */
    public Exchange rotate(String presented, String requestedScope) {
        long now = clock.millis();
        Exchange exchange = database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token == null) {
                return new Exchange.Refused("unknown refresh token");
            }
            if (token.revoked()) {
                return new Exchange.Refused("revoked refresh token");
            }
            boolean spentNow = em.createQuery("UPDATE RefreshToken t SET t.usedAt = :now WHERE t.id = :id AND t.usedAt IS NULL")
                    .setParameter("now", now)
                    .setParameter("id", token.id())
                    .executeUpdate() == 1;
            if (!spentNow) {
                revokeFamily(em, token.familyId(), now);
                return new Exchange.Refused("refresh token reused: family revoked");
            }
            if (token.expiresAt() <= now) {
                return new Exchange.Refused("expired refresh token");
            }
            User user = em.find(User.class, token.userId());
            if (user == null || user.disabled()) {
                return new Exchange.Refused("user disabled or deleted");
            }
            if (token.issuedAt() < user.tokensValidAfter() * 1000) {
                return new Exchange.Refused("revoked by a password change or log out");
            }
            Set<String> original = Scope.parse(token.scope());
            Set<String> scopes = Scope.parse(requestedScope).isEmpty() ? original : Scope.granted(requestedScope, original);
            scopes.retainAll(user.scopes());
            return new Exchange.Granted(user, scopes, create(em, user, scopes, token.familyId()));
        });
        cleanUpNowAndThen();
        return exchange;
    }

    /** RFC 7009: revokes the token's family; unknown values are ignored. */
    public void revoke(String presented) {
        database.inTransaction(em -> {
            RefreshToken token = find(em, presented);
            if (token != null) {
                revokeFamily(em, token.familyId(), clock.millis());
            }
            return null;
        });
    }

    /** Refresh tokens that could still be exchanged: neither spent, revoked nor expired. */
    public long countActive() {
        return database.read(em -> em.createQuery("SELECT COUNT(t) FROM RefreshToken t "
                        + "WHERE t.usedAt IS NULL AND t.revokedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("now", clock.millis())
                .getSingleResult());
    }

    private String create(EntityManager em, User user, Set<String> scopes, String family) {
        byte[] value = new byte[32];
        random.nextBytes(value);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        // like access tokens, never issued before the user's last revocation
        long issuedAt = Math.max(clock.millis(), user.tokensValidAfter() * 1000);
        em.persist(new RefreshToken(sha256(token), family, user.id(), String.join(" ", scopes), issuedAt,
                issuedAt + Duration.ofDays(refreshDays).toMillis()));
        return token;
    }

    private static RefreshToken find(EntityManager em, String presented) {
        return em.createQuery("SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", sha256(presented))
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private static void revokeFamily(EntityManager em, String family, long now) {
        em.createQuery("UPDATE RefreshToken t SET t.revokedAt = :now WHERE t.familyId = :family AND t.revokedAt IS NULL")
                .setParameter("now", now)
                .setParameter("family", family)
                .executeUpdate();
    }

    /** Expired tokens can be forgotten a day later: reuse of an expired token is refused anyway. */
    private void cleanUpNowAndThen() {
        long now = clock.millis();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MILLIS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        database.inTransaction(em -> em.createQuery("DELETE FROM RefreshToken t WHERE t.expiresAt < :cutoff")
                .setParameter("cutoff", now - Duration.ofDays(1).toMillis())
                .executeUpdate());
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
