package dev.oauth2jwt.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt through jBCrypt. jBCrypt only knows the {@code $2a$} prefix; {@code $2b$} (passlib, the
 * seed's hashes) and {@code $2y$} (PHP) name the same algorithm for passwords under 255 bytes,
 * so they are verified as {@code $2a$}.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MIN_COST = 4;
    static final int MAX_COST = 30;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|30)\\$[./A-Za-z0-9]{53}");

    @Inject
    @ConfigProperty(name = "bcrypt.cost")
    int cost;

    @PostConstruct
    void checkCost() {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalStateException("BCRYPT_COST is " + cost + "; it must be between " + MIN_COST
                    + " and " + MAX_COST + " (12 is a good default)");
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad BCRYPT_COST stops the deployment
    }

    /** A new hash of the password at the configured cost, with the {@code $2a$} prefix. */
    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    public enum Check { MATCH, MISMATCH, CORRUPT_HASH }

    /** Checks a password against a stored hash; a hash that cannot be read is reported, never thrown. */
    public Check check(String password, String storedHash) {
        if (!isBcryptHash(storedHash)) {
            return Check.CORRUPT_HASH;
        }
        try {
            return BCrypt.checkpw(password, "$2a$" + storedHash.substring(4)) ? Check.MATCH : Check.MISMATCH;
        } catch (RuntimeException e) {
            return Check.CORRUPT_HASH;
        }
    }

    /** Whether the text is a bcrypt hash this class can verify. */
    public static boolean isBcryptHash(String hash) {
        return hash != null && BCRYPT.matcher(hash).matches();
    }
}
