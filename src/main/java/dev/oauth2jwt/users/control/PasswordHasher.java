package dev.oauth2jwt.users.control;

import jakarta.annotation.PostConstruct;
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
 * over-long password is refused only after the work, so timing tells nothing.
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
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|30)\\$[./A-Za-z0-9]{53}");
    private static final Pattern DJANGO_PBKDF2 =
            Pattern.compile("pbkdf2_sha256\\$([1-9][0-9]{0,7})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{43}=)");
    /** What the import and the admin API accept, for their error messages. */
    public static final String SUPPORTED_HASHES = "neither a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 30) "
            + "nor a Django pbkdf2_sha256$<iterations>$<salt>$<digest> hash";

    public enum Check { MATCH, MISMATCH, CORRUPT_HASH, TOO_LONG }

    /** The bcrypt computation itself; a seam for tests that count the work. */
    interface Bcrypt {
        boolean matches(String password, String hash);
    }

    @Inject
    @ConfigProperty(name = "bcrypt.cost")
    int cost;

    /** Hashes computed at once; 0: one per core. */
    @Inject
    @ConfigProperty(name = "bcrypt.max-concurrent", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "bcrypt.max-waiting", defaultValue = "-1")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "bcrypt.max-wait-millis", defaultValue = "1000")
    long maxWaitMillis;

    Bcrypt bcrypt = BCrypt::checkpw;
    private String dummyHash;
    private BcryptGate gate;

    @PostConstruct
    void init() {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalStateException("BCRYPT_COST is " + cost + "; it must be between " + MIN_COST
                    + " and " + MAX_COST + " (12 is a good default)");
        }
        int slots = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        int queue = maxWaiting >= 0 ? maxWaiting : 2 * slots;
        if (maxWaitMillis < 0) {
            throw new IllegalStateException("BCRYPT_MAX_WAIT_MILLIS must be 0 or more");
        }
        gate = new BcryptGate(slots, queue, maxWaitMillis);
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        dummyHash = BCrypt.hashpw(HexFormat.of().formatHex(random), BCrypt.gensalt(cost));
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad BCRYPT_COST stops the deployment
    }

    /**
     * A new hash of the password at the configured cost, with the {@code $2a$} prefix.
     *
     * @throws ServerBusyException when every bcrypt slot is taken and the queue is full
     */
    public String hash(String password) {
        problem(password).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return gate.run(() -> BCrypt.hashpw(password, BCrypt.gensalt(cost)));
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
     *
     * @throws ServerBusyException when every bcrypt slot is taken and the queue is full
     */
    public Check check(String password, String storedHash) {
        return gate.run(() -> checkNow(password, storedHash));
    }

    private Check checkNow(String password, String storedHash) {
        if (storedHash != null && DJANGO_PBKDF2.matcher(storedHash).matches()) {
            return checkDjango(password, storedHash);
        }
        boolean readable = isBcryptHash(storedHash);
        boolean matches;
        try {
            matches = bcrypt.matches(password, readable ? "$2a$" + storedHash.substring(4) : dummyHash);
        } catch (RuntimeException e) {
            bcrypt.matches(password, dummyHash);
            return Check.CORRUPT_HASH;
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
     * Runs a whole login in one hashing slot, taken before its database reads, so that a login
     * turned away for want of capacity costs next to nothing.
     *
     * @throws ServerBusyException when every slot is taken and the queue is full
     */
    public <T> T withCapacity(java.util.function.Supplier<T> login) {
        return gate.run(login);
    }

    /** Whether a stored hash that just matched is weaker than the policy: legacy, or bcrypt below the cost. */
    public boolean needsRehash(String storedHash) {
        if (!isBcryptHash(storedHash)) {
            return true;
        }
        return Integer.parseInt(storedHash.substring(4, 6)) < cost;
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
        return hash != null && BCRYPT.matcher(hash).matches();
    }

    /** Whether a stored hash can be verified: bcrypt, or Django's PBKDF2-SHA256. */
    public static boolean isSupportedHash(String hash) {
        return isBcryptHash(hash) || (hash != null && DJANGO_PBKDF2.matcher(hash).matches());
    }
}
