package dev.oauth2jwt.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The HS256 keys: the UTF-8 bytes of {@code JWT_SECRET}, exactly as PyJWT uses its secret string, so
 * a FastAPI service and this one sharing the secret accept each other's tokens; and the secrets of
 * {@code JWT_PREVIOUS_SECRETS}, still accepted after a rotation. Each key has an id derived from
 * it, never the secret itself.
 */
@ApplicationScoped
public class SigningKeys {

    /** One key and its id. */
    public record SigningKey(String id, HmacKey key) {
    }

    static final int MIN_SECRET_BYTES = 32;
    /** SHA-256 of the example key published in the FastAPI tutorial: known to everyone, never a secret. */
    static final String TUTORIAL_KEY_SHA256 = "570dad43de1af4c925f92c16a68a50936da42b7dd6fdeb24850507a1199aac89";
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -hex 32";
    private static final byte[] KEY_ID_LABEL = "oauth2-jwt key id".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    @ConfigProperty(name = "jwt.secret")
    Optional<String> secret;

    /** Comma separated; read as one string, since Payara cannot inject {@code Optional<List<String>>}. */
    @Inject
    @ConfigProperty(name = "jwt.previous-secrets")
    Optional<String> previousSecrets;

    private SigningKey current;
    private List<SigningKey> all;

    @PostConstruct
    void load() {
        current = keyOf(secret.map(value -> checked("JWT_SECRET", value)).orElseGet(SigningKeys::generated));
        List<SigningKey> keys = new ArrayList<>(List.of(current));
        for (String previous : previousSecrets.map(list -> list.split(",")).orElse(new String[0])) {
            if (previous.isBlank()) {
                continue;
            }
            SigningKey key = keyOf(checked("A secret in JWT_PREVIOUS_SECRETS", previous.trim()));
            if (keys.stream().noneMatch(known -> known.id().equals(key.id()))) {
                keys.add(key);
            }
        }
        all = List.copyOf(keys);
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad JWT_SECRET stops the deployment
    }

    /** The key new tokens are signed with. */
    public SigningKey current() {
        return current;
    }

    /** Every key a token may be signed with, the current one first. */
    public List<SigningKey> all() {
        return all;
    }

    public Optional<SigningKey> byId(String id) {
        return all.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /**
     * The key a token was signed with: the one its {@code kid} names, or, without a {@code kid}
     * (a FastAPI service's token, or ours from before a rotation), the one whose signature matches.
     */
    Key keyFor(JsonWebSignature jws) throws UnresolvableKeyException {
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null) {
            if (!(kid instanceof String id)) {
                throw new UnresolvableKeyException("kid is not a string");
            }
            return byId(id).map(SigningKey::key).orElseThrow(() -> new UnresolvableKeyException("unknown key id"));
        }
        if (all.size() == 1) {
            return current.key();
        }
        byte[] signature = Base64.getUrlDecoder().decode(jws.getEncodedSignature());
        byte[] input = (jws.getHeaders().getEncodedHeader() + "." + jws.getEncodedPayload()).getBytes(StandardCharsets.US_ASCII);
        for (SigningKey key : all) {
            if (MessageDigest.isEqual(signature, hmacSha256(key.key().getEncoded(), input))) {
                return key.key();
            }
        }
        return current.key();   // none matches: the check fails as an invalid signature
    }

    static byte[] checked(String name, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " is " + bytes.length + " bytes long; HS256 needs at least "
                    + MIN_SECRET_BYTES + " bytes (256 bits): " + HOW_TO_MAKE_ONE);
        }
        if (TUTORIAL_KEY_SHA256.equals(HexFormat.of().formatHex(sha256(bytes)))) {
            throw new IllegalStateException(name + " is the example key published in the FastAPI tutorial, "
                    + "anyone can sign tokens with it: " + HOW_TO_MAKE_ONE);
        }
        return bytes;
    }

    /** The key id: a MAC of a fixed label under the key, so it names the key without revealing it. */
    static SigningKey keyOf(byte[] secret) {
        byte[] id = Arrays.copyOf(hmacSha256(secret, KEY_ID_LABEL), 12);
        return new SigningKey(Base64.getUrlEncoder().withoutPadding().encodeToString(id), new HmacKey(secret));
    }

    private static byte[] hmacSha256(byte[] secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] generated() {
        LOG.warning("JWT_SECRET is not set: signing with a random secret made at start-up. Tokens will not "
                + "survive a restart nor work across instances; set JWT_SECRET (" + HOW_TO_MAKE_ONE + ")");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
