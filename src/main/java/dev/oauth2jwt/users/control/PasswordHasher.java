package dev.oauth2jwt.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt through jBCrypt. jBCrypt only knows the {@code $2a$} prefix; {@code $2b$} (passlib, the
 * seed's hashes) and {@code $2y$} (PHP) name the same algorithm for passwords under 255 bytes,
 * so they are verified as {@code $2a$}.
 *
 * <p>Every check costs one bcrypt computation, whatever the outcome: an unknown user or an
 * unreadable stored hash is checked against a dummy hash of the configured cost, and an
 * over-long password is refused only after the work, so timing tells nothing. A wrong password
 * against a cheaper hash (an imported Django one, bcrypt below the cost) is answered no sooner
 * than a check at the configured cost takes here (measured as checks run): it would otherwise
 * tell which accounts exist and still hold such a hash.
 *
 * <p>Django's {@code pbkdf2_sha256$<iterations>$<salt>$<digest>} hashes are verified too, so users
 * shared with a Django application log in; like bcrypt hashes below the configured cost, they
 * are weaker than the policy and replaced at the next successful login ({@link #needsRehash}).
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt reads only this many bytes of a password; more would authenticate on a prefix. */
    public static final int MAX_PASSWORD_BYTES = 72;
    static final int MIN_COST = 4;
    static final int MAX_COST = 30;
    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern BCRYPT_ANY_COST = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");
    private static final Pattern DJANGO_PBKDF2 =
            Pattern.compile("pbkdf2_sha256\\$([1-9][0-9]{0,7})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{43}=)");
    /** What the import and the admin API accept, for their error messages. */
    static final String SUPPORTED_HASHES = "neither a bcrypt hash ($2a$, $2b$ or $2y$) "
            + "nor a Django pbkdf2_sha256$<iterations>$<salt>$<digest> hash";
    /** Imported bcrypt hashes may cost at most this much more than BCRYPT_COST: each step doubles a login's work. */
    static final int MAX_IMPORTED_COST_ABOVE_POLICY = 2;
    /** PBKDF2 iterations accepted at import: fewer is next to no protection, more pins a hashing slot. */
    static final int MIN_PBKDF2_ITERATIONS = 1_000;
    static final int MAX_PBKDF2_ITERATIONS = 2_000_000;

    public enum Check { MATCH, MISMATCH, CORRUPT_HASH, TOO_LONG }

    /** The bcrypt computation itself; a seam for tests that count the work. */
    interface Bcrypt {
        boolean matches(String password, String hash);
    }

    @Inject
    @ConfigProperty(name = "bcrypt.cost")
    int cost;

    /** Waits this many nanoseconds; a seam for tests. */
    interface Pause {
        void nanos(long nanos);
    }

    /** Where the first check is timed; the default one of Jakarta Concurrency, none in unit tests (then at once). */
    @Resource
    ManagedExecutorService executor;

    Bcrypt bcrypt = BCrypt::checkpw;
    Pause pause = PasswordHasher::sleep;
    java.util.function.LongSupplier nanoTime = System::nanoTime;
    private String dummyHash;
    /** How long a check at the configured cost takes here, smoothed over the recent ones. */
    private volatile long typicalCheckNanos;
    /** The first timing, made beside the deployment rather than in it (a bcrypt at cost 12 is a few tenths of a second). */
    private CompletableFuture<Void> firstTiming;

    @PostConstruct
    void init() {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalStateException("BCRYPT_COST is " + cost + "; it must be between " + MIN_COST
                    + " and " + MAX_COST + " (12 is a good default)");
        }
        dummyHash = unmatchableHash(cost);
        firstTiming = CompletableFuture.runAsync(this::timeOneCheck, executor == null ? Runnable::run : executor);
    }

    /**
     * A well-formed bcrypt hash at the given cost whose digest is random rather than computed: checking
     * a password against it costs a full bcrypt, and no password matches it (but with chance 2^-184).
     */
    static String unmatchableHash(int cost) {
        SecureRandom random = new SecureRandom();
        StringBuilder hash = new StringBuilder(BCrypt.gensalt(cost, random));
        for (int i = 0; i < 31; i++) {
            hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
        }
        return hash.toString();
    }

    private void timeOneCheck() {
        byte[] password = new byte[16];
        new SecureRandom().nextBytes(password);
        long started = nanoTime.getAsLong();
        bcrypt.matches(HexFormat.of().formatHex(password), dummyHash);
        typicalCheckNanos = nanoTime.getAsLong() - started;
    }

    /** Checks and the padding to the typical time wait for the first timing, if it is still under way. */
    private void awaitFirstTiming() {
        if (!firstTiming.isDone()) {
            firstTiming.join();
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad BCRYPT_COST stops the deployment
    }

    /**
     * How long a password check at the configured cost takes here lately: a directory login is
     * answered no sooner, so that its timing does not tell a directory name from a local account.
     */
    public long typicalCheckMillis() {
        awaitFirstTiming();
        return typicalCheckNanos / 1_000_000;
    }

    /** A new hash of the password at the configured cost, with the {@code $2a$} prefix. */
    public String hash(String password) {
        problem(password).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /** What makes a new password unusable with bcrypt, if anything. */
    public static Optional<String> problem(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of("The password is longer than " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8; bcrypt would ignore the rest");
        }
        if (password.indexOf('\0') >= 0) {
            return Optional.of("The password contains a NUL character");
        }
        return Optional.empty();
    }

    /**
     * Checks a password against a stored hash, null when the user does not exist. A hash that
     * cannot be read is reported, never thrown.
     */
    public Check check(String password, String storedHash) {
        awaitFirstTiming();
        long started = nanoTime.getAsLong();
        if (storedHash != null && DJANGO_PBKDF2.matcher(storedHash).matches()) {
            return atLeastTypical(checkDjango(password, storedHash), started);
        }
        boolean readable = isBcryptHash(storedHash);
        boolean atPolicyCost = !readable || Integer.parseInt(storedHash.substring(4, 6)) == cost;
        boolean matches;
        try {
            matches = bcrypt.matches(password, readable ? "$2a$" + storedHash.substring(4) : dummyHash);
        } catch (RuntimeException e) {
            bcrypt.matches(password, dummyHash);
            return Check.CORRUPT_HASH;
        }
        if (atPolicyCost) {
            long took = nanoTime.getAsLong() - started;
            typicalCheckNanos = typicalCheckNanos + (took - typicalCheckNanos) / 8;
        } else if (!matches) {
            atLeastTypical(Check.MISMATCH, started);
        }
        if (!readable) {
            return storedHash == null ? Check.MISMATCH : Check.CORRUPT_HASH;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Check.TOO_LONG;
        }
        return matches ? Check.MATCH : Check.MISMATCH;
    }

    /**
     * Why an existing hash cannot be imported (admin API, {@code USERS_IMPORT_FILE}), if it cannot:
     * an unknown format, a bcrypt cost outside 4 to {@code BCRYPT_COST} + 2 (a costlier one would
     * pin a hashing slot at every login attempt), or PBKDF2 iterations outside 1,000 to 2,000,000.
     * Worded to follow the field's name: "hashed_password is ...", "... has ...".
     */
    public Optional<String> importProblem(String hash) {
        if (hash != null && BCRYPT_ANY_COST.matcher(hash).matches()) {
            int hashCost = Integer.parseInt(hash.substring(4, 6));
            int maxCost = Math.min(MAX_COST, cost + MAX_IMPORTED_COST_ABOVE_POLICY);
            return hashCost >= MIN_COST && hashCost <= maxCost ? Optional.empty() : Optional.of("has bcrypt cost " + hashCost
                    + ", outside the accepted " + MIN_COST + " to " + maxCost + " (BCRYPT_COST + "
                    + MAX_IMPORTED_COST_ABOVE_POLICY + ")");
        }
        Matcher django = hash == null ? null : DJANGO_PBKDF2.matcher(hash);
        if (django == null || !django.matches()) {
            return Optional.of("is " + SUPPORTED_HASHES);
        }
        long iterations = Long.parseLong(django.group(1));
        return iterations >= MIN_PBKDF2_ITERATIONS && iterations <= MAX_PBKDF2_ITERATIONS ? Optional.empty()
                : Optional.of("has " + iterations + " PBKDF2 iterations, outside the accepted "
                + MIN_PBKDF2_ITERATIONS + " to " + MAX_PBKDF2_ITERATIONS);
    }

    /** Whether a stored hash that just matched is weaker than the policy: legacy, or bcrypt below the cost. */
    public boolean needsRehash(String storedHash) {
        if (!isBcryptHash(storedHash)) {
            return true;
        }
        return Integer.parseInt(storedHash.substring(4, 6)) < cost;
    }

    /**
     * A failed check against a cheaper hash lasts as long as one at the configured cost: waiting, not
     * computing, holds the hashing slot no longer than the bcrypt it stands for.
     */
    private Check atLeastTypical(Check check, long started) {
        if (check != Check.MATCH) {
            long missing = typicalCheckNanos - (nanoTime.getAsLong() - started);
            if (missing > 0) {
                pause.nanos(missing);
            }
        }
        return check;
    }

    long typicalCheckNanos() {
        return typicalCheckNanos;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Check checkDjango(String password, String storedHash) {
        Matcher hash = DJANGO_PBKDF2.matcher(storedHash);
        hash.matches();
        if (password.isEmpty()) {
            bcrypt.matches(password, dummyHash);
            return Check.MISMATCH;
        }
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] digest = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(),
                    hash.group(2).getBytes(StandardCharsets.UTF_8), Integer.parseInt(hash.group(1)), 256)).getEncoded();
            return MessageDigest.isEqual(digest, Base64.getDecoder().decode(hash.group(3))) ? Check.MATCH : Check.MISMATCH;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Check.CORRUPT_HASH;
        }
    }

    /** Whether the text is a bcrypt hash this class can verify. */
    public static boolean isBcryptHash(String hash) {
        if (hash == null || !BCRYPT_ANY_COST.matcher(hash).matches()) {
            return false;
        }
        int hashCost = Integer.parseInt(hash.substring(4, 6));
        return hashCost >= MIN_COST && hashCost <= MAX_COST;
    }

    /** Whether a stored hash can be verified: bcrypt, or Django's PBKDF2-SHA256. */
    public static boolean isSupportedHash(String hash) {
        return isBcryptHash(hash) || (hash != null && DJANGO_PBKDF2.matcher(hash).matches());
    }
}
