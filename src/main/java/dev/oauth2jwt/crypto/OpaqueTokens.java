package dev.oauth2jwt.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The opaque values handed out (refresh tokens, authorization codes, browser-login cookies, client
 * secrets): 256 random bits, base64url; the database keeps only their SHA-256, which tells nothing
 * of them. A slow hash (bcrypt) protects what people choose; a value no dictionary holds needs none,
 * and checking one stays cheap.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    public static String generate() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Whether a value could be one made here (43 base64url characters): anything else is not looked up. */
    public static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    /** In constant time: the comparison tells nothing of how much of the value was right. */
    public static boolean matches(String value, String storedHash) {
        return MessageDigest.isEqual(sha256(value).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Hex SHA-256, the form stored. */
    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
