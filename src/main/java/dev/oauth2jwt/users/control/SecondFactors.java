package dev.oauth2jwt.users.control;

import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.users.entity.RecoveryCode;
import dev.oauth2jwt.users.entity.SecondFactor;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The second factors people enrol, next to their password: authenticator apps (TOTP) and recovery
 * codes. A code is checked under a lock of its factor's row, so that one code is accepted once even
 * when two instances receive it at the same moment; a recovery code is spent the same way.
 */
@ApplicationScoped
public class SecondFactors {

    public static final int RECOVERY_CODES = 10;
    /** 16 base32 characters (80 random bits), shown in groups of four. */
    static final Pattern RECOVERY_CODE = Pattern.compile("[A-Z2-7]{16}");
    static final int MAX_NAME = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a code typed at the second step went. */
    public enum Verdict {
        /** An authenticator app's code, accepted now. */
        OTP,
        /** A recovery code, now spent. */
        RECOVERY_CODE,
        /** An app's code already accepted once (or older than the last accepted): refused. */
        REPLAYED,
        /** Neither a current code nor an unspent recovery code. */
        WRONG;

        public boolean accepted() {
            return this == OTP || this == RECOVERY_CODE;
        }
    }

    /** A factor as the account page and the admin API list it. */
    public record Listed(String id, String kind, String name, long createdAt, Optional<Long> lastUsedAt) {
    }

    /** An authenticator app being enrolled: its id and secret, for the page that shows it. */
    public record Enrolment(String factorId, String secret) {
    }

    @Inject
    Database database;

    Clock clock = Clock.systemUTC();

    /** Which kinds of factor the account has confirmed ({@code totp}, {@code passkey}): the second step offers those. */
    public Set<String> kinds(Long userId) {
        return Set.copyOf(database.read(em -> em.createQuery("SELECT DISTINCT f.kind FROM SecondFactor f WHERE f.userId = :user "
                        + "AND f.confirmedAt IS NOT NULL", String.class)
                .setParameter("user", userId)
                .getResultList()));
    }

    /** Whether the account has a confirmed factor: then its logins on the login page take a second step. */
    public boolean enrolled(User user) {
        return database.read(em -> em.createQuery("SELECT COUNT(f) FROM SecondFactor f WHERE f.userId = :user "
                        + "AND f.confirmedAt IS NOT NULL", Long.class)
                .setParameter("user", user.id())
                .getSingleResult()) > 0;
    }

    /** Which of these accounts have a confirmed factor (a page of the admin API's list). */
    public Set<Long> enrolledAmong(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(database.read(em -> em.createQuery("SELECT DISTINCT f.userId FROM SecondFactor f WHERE f.userId IN :users "
                        + "AND f.confirmedAt IS NOT NULL", Long.class)
                .setParameter("users", userIds)
                .getResultList()));
    }

    /** The account's confirmed factors, oldest first. */
    public List<Listed> list(Long userId) {
        return database.read(em -> confirmed(em, userId, false).stream()
                .map(f -> new Listed(f.id(), f.kind(), f.name(), f.createdAt(), f.lastUsedAt()))
                .toList());
    }

    public long recoveryCodesLeft(Long userId) {
        return database.read(em -> em.createQuery("SELECT COUNT(c) FROM RecoveryCode c WHERE c.userId = :user AND c.usedAt IS NULL",
                        Long.class)
                .setParameter("user", userId)
                .getSingleResult());
    }

    /**
     * Offers an authenticator app to the person: a new secret, not a factor until a code confirms
     * it ({@link #confirmTotp}). An earlier offer not confirmed is withdrawn.
     */
    public Enrolment offerTotp(Long userId, String name) {
        String secret = Totp.newSecret();
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        database.inTransaction(em -> {
            em.createQuery("DELETE FROM SecondFactor f WHERE f.userId = :user AND f.confirmedAt IS NULL")
                    .setParameter("user", userId)
                    .executeUpdate();
            em.persist(SecondFactor.totp(id, userId, cleanName(name), secret, now));
            return null;
        });
        return new Enrolment(id, secret);
    }

    /** The secret of an offer not yet confirmed, to show it again (a wrong code, a reload). */
    public Optional<String> offeredSecret(Long userId, String factorId) {
        return database.read(em -> Optional.ofNullable(em.find(SecondFactor.class, factorId))
                .filter(f -> f.userId().equals(userId) && !f.confirmed())
                .map(SecondFactor::secret));
    }

    /** Confirms an offered authenticator app with a code from it: true when the code is right (and the app now a factor). */
    public boolean confirmTotp(Long userId, String factorId, String code) {
        long now = clock.millis();
        return database.inTransaction(em -> {
            SecondFactor factor = em.find(SecondFactor.class, factorId, LockModeType.PESSIMISTIC_WRITE);
            if (factor == null || !factor.userId().equals(userId) || factor.confirmed()) {
                return false;
            }
            OptionalLong step = Totp.matchingStep(factor.secret(), code, now);
            if (step.isEmpty()) {
                return false;
            }
            factor.accepted(step.getAsLong(), now);
            return true;
        });
    }

    /**
     * Enrols an authenticator app whose secret the person was shown at the login page, if the code
     * is from it: the factor is confirmed at once (its code spent). Empty when the code is wrong.
     */
    public Optional<String> enrolTotp(Long userId, String name, String secret, String code) {
        long now = clock.millis();
        OptionalLong step = Totp.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        database.inTransaction(em -> {
            SecondFactor factor = SecondFactor.totp(id, userId, cleanName(name), secret, now);
            factor.accepted(step.getAsLong(), now);
            em.persist(factor);
            return null;
        });
        return Optional.of(id);
    }

    /**
     * Checks a code typed at the second step: six digits against each authenticator app (the step
     * it matches must be later than the last one accepted), anything else as a recovery code.
     */
    public Verdict verify(Long userId, String typed) {
        if (typed == null) {
            return Verdict.WRONG;
        }
        String code = typed.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        long now = clock.millis();
        if (code.length() == Totp.DIGITS) {
            return database.inTransaction(em -> {
                Verdict verdict = Verdict.WRONG;
                for (SecondFactor factor : confirmed(em, userId, true)) {
                    if (!SecondFactor.TOTP.equals(factor.kind())) {
                        continue;
                    }
                    OptionalLong step = Totp.matchingStep(factor.secret(), code, now);
                    if (step.isPresent()) {
                        if (!factor.acceptsStep(step.getAsLong())) {
                            verdict = Verdict.REPLAYED;
                            continue;
                        }
                        factor.accepted(step.getAsLong(), now);
                        return Verdict.OTP;
                    }
                }
                return verdict;
            });
        }
        if (!RECOVERY_CODE.matcher(code).matches()) {
            return Verdict.WRONG;
        }
        return database.inTransaction(em -> {
            RecoveryCode recovery = em.find(RecoveryCode.class, OpaqueTokens.sha256(code), LockModeType.PESSIMISTIC_WRITE);
            if (recovery == null || !recovery.userId().equals(userId) || recovery.used()) {
                return Verdict.WRONG;
            }
            recovery.use(now);
            return Verdict.RECOVERY_CODE;
        });
    }

    /** Ten new recovery codes for the account, replacing any it had; shown once, kept hashed. */
    public List<String> newRecoveryCodes(Long userId) {
        long now = clock.millis();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] random = new byte[10];
            RANDOM.nextBytes(random);
            codes.add(Totp.base32(random));
        }
        database.inTransaction(em -> {
            em.createQuery("DELETE FROM RecoveryCode c WHERE c.userId = :user").setParameter("user", userId).executeUpdate();
            codes.forEach(code -> em.persist(new RecoveryCode(OpaqueTokens.sha256(code), userId, now)));
            return null;
        });
        return codes.stream().map(SecondFactors::grouped).toList();
    }

    /** Removes one factor of the account; the recovery codes go with the last one. True if it was there. */
    public boolean remove(Long userId, String factorId) {
        return database.inTransaction(em -> {
            SecondFactor factor = em.find(SecondFactor.class, factorId, LockModeType.PESSIMISTIC_WRITE);
            if (factor == null || !factor.userId().equals(userId)) {
                return false;
            }
            em.remove(factor);
            em.flush();
            if (confirmed(em, userId, false).isEmpty()) {
                em.createQuery("DELETE FROM RecoveryCode c WHERE c.userId = :user").setParameter("user", userId).executeUpdate();
            }
            return true;
        });
    }

    /** Removes every factor and recovery code of the account (an administrator's reset): it enrols again. */
    public int reset(Long userId) {
        return database.inTransaction(em -> {
            int removed = em.createQuery("DELETE FROM SecondFactor f WHERE f.userId = :user").setParameter("user", userId)
                    .executeUpdate();
            em.createQuery("DELETE FROM RecoveryCode c WHERE c.userId = :user").setParameter("user", userId).executeUpdate();
            return removed;
        });
    }

    private static List<SecondFactor> confirmed(EntityManager em, Long userId, boolean lock) {
        var query = em.createQuery("SELECT f FROM SecondFactor f WHERE f.userId = :user AND f.confirmedAt IS NOT NULL "
                        + "ORDER BY f.createdAt, f.id", SecondFactor.class)
                .setParameter("user", userId);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultList();
    }

    /** A factor's name as the person typed it, trimmed, at most 64 characters, "Authenticator app" if blank. */
    static String cleanName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            return "Authenticator app";
        }
        return trimmed.length() > MAX_NAME ? trimmed.substring(0, MAX_NAME) : trimmed;
    }

    static String grouped(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12);
    }
}
