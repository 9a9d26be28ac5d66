package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.keys.HmacKey;

/**
 * HS256's keys: the UTF-8 bytes of {@code JWT_SECRET}, exactly as PyJWT uses its secret string, and
 * those of {@code JWT_PREVIOUS_SECRETS}, each at least 32 bytes and never the tutorial's published
 * example; each with an id derived from it (an HMAC of a fixed label), never the secret itself.
 * Without {@code JWT_SECRET}, a random one made at start-up, with a warning.
 */
final class SecretKeys {

    static final int MIN_SECRET_BYTES = 32;
    /** SHA-256 of the example key published in the FastAPI tutorial: known to everyone, never a secret. */
    static final String TUTORIAL_KEY_SHA256 = "570dad43de1af4c925f92c16a68a50936da42b7dd6fdeb24850507a1199aac89";
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -hex 32";
    private static final byte[] KEY_ID_LABEL = "oauth2-jwt key id".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    private SecretKeys() {
    }

    /** The signing secret (or a random one, with HS256 only), then the previous ones. */
    static List<SigningKey> of(KeySettings settings) {
        List<SigningKey> keys = new ArrayList<>();
        if (settings.secret().isPresent()) {
            keys.add(keyOf(checked("JWT_SECRET", settings.secret().get())));
        } else if (settings.algorithm() == Algorithm.HS256) {
            keys.add(keyOf(generated()));
        }
        for (String previous : settings.previousSecrets()) {
            keys.add(keyOf(checked("A secret in JWT_PREVIOUS_SECRETS", previous)));
        }
        return keys;
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
        HmacKey key = new HmacKey(secret);
        return new SigningKey(Base64.getUrlEncoder().withoutPadding().encodeToString(id), Algorithm.HS256, key, key);
    }

    static byte[] hmacSha256(byte[] secret, byte[] input) {
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
