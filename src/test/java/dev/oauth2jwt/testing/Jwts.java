package dev.oauth2jwt.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds JWS compact tokens by hand, the way PyJWT does: base64url without padding, HMAC-SHA256
 * over the secret's UTF-8 bytes. Independent of jose4j, so tests check interoperability, not
 * the issuer against itself.
 */
public final class Jwts {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    public static String hs256(String secret, String payloadJson) {
        return hs256(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payloadJson);
    }

    public static String hs256(String secret, String headerJson, String payloadJson) {
        String signingInput = b64(headerJson) + "." + b64(payloadJson);
        return signingInput + "." + B64.encodeToString(hmac("HmacSHA256", secret, signingInput));
    }

    /** A token for {@code sub} that expires {@code secondsFromNow} from now (negative: already expired). */
    public static String forSubject(String secret, String subject, long secondsFromNow) {
        long exp = System.currentTimeMillis() / 1000 + secondsFromNow;
        return hs256(secret, "{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}");
    }

    public static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(String algorithm, String secret, String input) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HS256 signature PyJWT would put on this token's header and payload with the secret. */
    public static String signatureWith(String secret, String token) {
        return hs256(secret, part(token, 0), part(token, 1)).split("\\.")[2];
    }

    /** The decoded JSON of one part (0 header, 1 payload) of a compact token. */
    public static String part(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
