package dev.oauth2jwt.testing;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * RS256 and ES256 signatures with the JDK alone (RFC 7515/7518), and public keys read from a JSON
 * Web Key (RFC 7517): to check the server's tokens and key set without jose4j, the library the
 * server itself uses, and to sign tokens as the server or as a stranger would.
 */
public final class Jws {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    /** An ES256 signature is R and S, 32 bytes each (RFC 7518 section 3.4), not the JDK's DER. */
    private static final int ES256_PART = 32;

    private Jws() {
    }

    /** A signed compact token with exactly this header and payload. */
    public static String sign(String algorithm, PrivateKey key, String headerJson, String payloadJson) {
        String input = Jwts.b64(headerJson) + "." + Jwts.b64(payloadJson);
        try {
            Signature signature = Signature.getInstance(jdkName(algorithm));
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = signature.sign();
            return input + "." + B64.encodeToString("ES256".equals(algorithm) ? derToJose(bytes) : bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the token's signature is right for the key, by the algorithm its header names. */
    public static boolean verifies(String token, String algorithm, PublicKey key) {
        String[] parts = token.split("\\.");
        try {
            Signature signature = Signature.getInstance(jdkName(algorithm));
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = B64_DECODER.decode(parts[2]);
            return signature.verify("ES256".equals(algorithm) ? joseToDer(bytes) : bytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key of an RSA or P-256 EC JSON Web Key. */
    public static PublicKey publicKey(JsonObject jwk) {
        try {
            if ("RSA".equals(jwk.getString("kty"))) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(jwk.getString("n")), unsigned(jwk.getString("e"))));
            }
            if ("EC".equals(jwk.getString("kty")) && "P-256".equals(jwk.getString("crv"))) {
                ECPoint point = new ECPoint(unsigned(jwk.getString("x")), unsigned(jwk.getString("y")));
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, p256()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("not an RSA or P-256 key: " + jwk);
    }

    /** A private key from its PKCS#8 DER in base64, as the server keeps its keys. */
    public static PrivateKey privateKey(String algorithm, String pkcs8Base64) {
        try {
            return KeyFactory.getInstance("RS256".equals(algorithm) ? "RSA" : "EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key pair nobody trusts: RSA 2048 for RS256, P-256 for ES256. */
    public static KeyPair strangerKeys(String algorithm) {
        try {
            if ("RS256".equals(algorithm)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jdkName(String algorithm) {
        return switch (algorithm) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(algorithm);
        };
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, B64_DECODER.decode(base64url));
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} to R || S, each left-padded to 32 bytes. */
    static byte[] derToJose(byte[] der) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sStart = offset + 2 + rLength;
        byte[] s = Arrays.copyOfRange(der, sStart + 2, sStart + 2 + der[sStart + 1]);
        byte[] jose = new byte[2 * ES256_PART];
        copyRight(r, jose, 0);
        copyRight(s, jose, ES256_PART);
        return jose;
    }

    private static void copyRight(byte[] integer, byte[] target, int at) {
        int skip = Math.max(0, integer.length - ES256_PART);   // a leading 0x00 sign byte
        System.arraycopy(integer, skip, target, at + ES256_PART - (integer.length - skip), integer.length - skip);
    }

    static byte[] joseToDer(byte[] jose) throws GeneralSecurityException {
        if (jose.length != 2 * ES256_PART) {
            throw new GeneralSecurityException("an ES256 signature is 64 bytes");
        }
        byte[] r = derInteger(Arrays.copyOfRange(jose, 0, ES256_PART));
        byte[] s = derInteger(Arrays.copyOfRange(jose, ES256_PART, 2 * ES256_PART));
        byte[] der = new byte[2 + r.length + s.length];
        der[0] = 0x30;
        der[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, der, 2, r.length);
        System.arraycopy(s, 0, der, 2 + r.length, s.length);
        return der;
    }

    private static byte[] derInteger(byte[] unsigned) {
        byte[] value = new BigInteger(1, unsigned).toByteArray();
        byte[] der = new byte[2 + value.length];
        der[0] = 0x02;
        der[1] = (byte) value.length;
        System.arraycopy(value, 0, der, 2, value.length);
        return der;
    }
}
