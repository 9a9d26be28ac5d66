package dev.oauth2jwt.token.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.keys.HmacKey;

/**
 * The HS256 key: the UTF-8 bytes of {@code JWT_SECRET}, exactly as PyJWT uses its secret string, so
 * a FastAPI service and this one sharing the secret accept each other's tokens.
 */
@ApplicationScoped
public class SigningKeys {

    static final int MIN_SECRET_BYTES = 32;
    /** SHA-256 of the example key published in the FastAPI tutorial: known to everyone, never a secret. */
    static final String TUTORIAL_KEY_SHA256 = "570dad43de1af4c925f92c16a68a50936da42b7dd6fdeb24850507a1199aac89";
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -hex 32";
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    @ConfigProperty(name = "jwt.secret")
    Optional<String> secret;

    private HmacKey current;

    @PostConstruct
    void load() {
        current = new HmacKey(secret.map(SigningKeys::checked).orElseGet(SigningKeys::generated));
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad JWT_SECRET stops the deployment
    }

    /** The key new tokens are signed with and tokens are verified against. */
    public HmacKey current() {
        return current;
    }

    static byte[] checked(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET is " + bytes.length + " bytes long; HS256 needs at least "
                    + MIN_SECRET_BYTES + " bytes (256 bits): " + HOW_TO_MAKE_ONE);
        }
        if (TUTORIAL_KEY_SHA256.equals(sha256(bytes))) {
            throw new IllegalStateException("JWT_SECRET is the example key published in the FastAPI tutorial, "
                    + "anyone can sign tokens with it: " + HOW_TO_MAKE_ONE);
        }
        return bytes;
    }

    private static byte[] generated() {
        LOG.warning("JWT_SECRET is not set: signing with a random secret made at start-up. Tokens will not "
                + "survive a restart nor work across instances; set JWT_SECRET (" + HOW_TO_MAKE_ONE + ")");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
