package dev.oauth2jwt.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/**
 * Tokens that must all be refused, each minted here for a real user, in the manner of the
 * MicroProfile JWT TCK's InvalidTokenTest, RFC 8725 and the OWASP JWT cheat sheet. Only the named
 * defect separates each from a token the server accepts.
 */
public final class HostileTokens {

    /** One case: what is wrong with the token, and the token. */
    public record Case(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private HostileTokens() {
    }

    /** Every case, for a secret the server uses and a username that exists and is active. */
    public static List<Case> all(String secret, String username) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + "}";
        String valid = Jwts.hs256(secret, claims);
        String[] parts = valid.split("\\.");
        List<Case> cases = new ArrayList<>();

        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String unsigned = Jwts.b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + Jwts.b64(claims);
            cases.add(new Case("alg " + none + ", no signature", unsigned + "."));
            cases.add(new Case("alg " + none + ", with a signature", unsigned + "." + parts[2]));
        }
        cases.add(new Case("HS384 with the right secret", hmac("HS384", "HmacSHA384", secret, claims)));
        cases.add(new Case("HS512 with the right secret", hmac("HS512", "HmacSHA512", secret, claims)));
        KeyPair rsa = rsa();
        cases.add(new Case("RS256 signed with some RSA key", sign(AlgorithmIdentifiers.RSA_USING_SHA256, rsa, claims, null)));
        cases.add(new Case("HS256 signed with an RSA public key as secret",
                Jwts.hs256(new String(rsa.getPublic().getEncoded(), StandardCharsets.ISO_8859_1), claims)));
        cases.add(new Case("ES256 signed with some EC key", sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, ec(), claims, null)));
        cases.add(new Case("ES256 psychic signature (all zero)",
                Jwts.b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + Jwts.b64(claims) + "." + b64(new byte[64])));

        String attackerSecret = "attacker-chosen-secret-0123456789abcdef";
        String attackerJwk = "{\"kty\":\"oct\",\"k\":\"" + b64(attackerSecret.getBytes(StandardCharsets.UTF_8)) + "\"}";
        cases.add(new Case("embedded jwk with the attacker's key",
                Jwts.hs256(attackerSecret, "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"jwk\":" + attackerJwk + "}", claims)));
        cases.add(new Case("jku pointing at the attacker's keys",
                Jwts.hs256(attackerSecret, "{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}", claims)));
        cases.add(new Case("x5u pointing at the attacker's certificate",
                Jwts.hs256(attackerSecret, "{\"alg\":\"HS256\",\"x5u\":\"https://attacker.example/cert.pem\"}", claims)));
        cases.add(new Case("kid path traversal to an empty file, signed with an empty key",
                signedWithEmptyKey("{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}", claims)));
        cases.add(new Case("kid SQL injection",
                Jwts.hs256(attackerSecret, "{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT 'attacker-chosen-secret-0123456789abcdef\"}", claims)));
        cases.add(new Case("kid not a string", Jwts.hs256(secret, "{\"alg\":\"HS256\",\"kid\":7}", claims)));

        cases.add(new Case("empty signature", parts[0] + "." + parts[1] + "."));
        cases.add(new Case("signature 'null'", parts[0] + "." + parts[1] + ".null"));
        cases.add(new Case("signature made with an empty key", signedWithEmptyKey(HS256, claims)));
        cases.add(new Case("signed with a wrong key", Jwts.hs256("a-wrong-secret-that-is-long-enough-0123", claims)));
        cases.add(new Case("one character of the signature flipped", parts[0] + "." + parts[1] + "." + flipped(parts[2])));
        cases.add(new Case("payload tampered after signing", parts[0] + "."
                + Jwts.b64("{\"sub\":\"" + username + "\",\"exp\":" + (now + 6000) + "}") + "." + parts[2]));
        cases.add(new Case("2 segments", parts[0] + "." + parts[1]));
        cases.add(new Case("5 segments", valid + ".AAAA.AAAA"));
        cases.add(new Case("not base64", "this is not@base64!.at all$.%%%"));

        cases.add(new Case("exp missing", Jwts.hs256(secret, "{\"sub\":\"" + username + "\"}")));
        cases.add(new Case("exp 120 s ago, beyond the 30 s skew", Jwts.hs256(secret, withExp(username, String.valueOf(now - 120)))));
        cases.add(new Case("exp a string", Jwts.hs256(secret, withExp(username, "\"" + (now + 600) + "\""))));
        cases.add(new Case("exp an object", Jwts.hs256(secret, withExp(username, "{\"value\":" + (now + 600) + "}"))));
        cases.add(new Case("exp 1e308", Jwts.hs256(secret, withExp(username, "1e308"))));
        cases.add(new Case("exp negative", Jwts.hs256(secret, withExp(username, "-1"))));
        cases.add(new Case("exp in the year 5000", Jwts.hs256(secret, withExp(username, "95617584000"))));
        cases.add(new Case("nbf in the future", Jwts.hs256(secret,
                "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + ",\"nbf\":" + (now + 300) + "}")));
        cases.add(new Case("crit header not understood",
                Jwts.hs256(secret, "{\"alg\":\"HS256\",\"crit\":[\"exp-policy\"],\"exp-policy\":\"lax\"}", claims)));

        cases.add(new Case("sub missing", Jwts.hs256(secret, "{\"exp\":" + (now + 600) + "}")));
        cases.add(new Case("sub a number", Jwts.hs256(secret, "{\"sub\":42,\"exp\":" + (now + 600) + "}")));
        cases.add(new Case("sub an array", Jwts.hs256(secret, "{\"sub\":[\"" + username + "\"],\"exp\":" + (now + 600) + "}")));
        cases.add(new Case("sub null", Jwts.hs256(secret, "{\"sub\":null,\"exp\":" + (now + 600) + "}")));
        cases.add(new Case("sub names no user", Jwts.hs256(secret, "{\"sub\":\"no-such-user\",\"exp\":" + (now + 600) + "}")));

        String nested = "[".repeat(2000) + "]".repeat(2000);
        cases.add(new Case("2000 levels of nesting in a signed payload", Jwts.hs256(secret,
                "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + ",\"x\":" + nested + "}")));
        cases.add(new Case("2000 levels of nesting in a signed header", Jwts.hs256(secret,
                "{\"alg\":\"HS256\",\"x\":" + nested + "}", claims)));
        cases.add(new Case("over 8 KiB, validly signed", Jwts.hs256(secret,
                "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + ",\"pad\":\"" + "x".repeat(8 * 1024) + "\"}")));
        return cases;
    }

    /**
     * Validly signed tokens with oddities the server may accept or refuse, never answer with 5xx.
     */
    public static List<Case> oddities(String secret, String username) {
        long now = System.currentTimeMillis() / 1000;
        return List.of(
                new Case("duplicate claim names", Jwts.hs256(secret,
                        "{\"sub\":\"" + username + "\",\"sub\":\"someone-else\",\"exp\":" + (now + 600) + "}")),
                new Case("unknown header parameter", Jwts.hs256(secret,
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"x-vendor\":{\"a\":[1,2,3]}}",
                        "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + "}")),
                new Case("unknown claims of every JSON type", Jwts.hs256(secret,
                        "{\"sub\":\"" + username + "\",\"exp\":" + (now + 600) + ",\"a\":null,\"b\":[{}],\"c\":1.5,\"d\":true}")));
    }

    private static String withExp(String username, String exp) {
        return "{\"sub\":\"" + username + "\",\"exp\":" + exp + "}";
    }

    private static String hmac(String alg, String javaAlg, String secret, String claims) {
        String input = Jwts.b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + Jwts.b64(claims);
        return input + "." + b64(Jwts.hmac(javaAlg, secret, input));
    }

    /** HMAC-SHA256 with a zero-length key, which javax.crypto refuses to build: RFC 2104 by hand. */
    private static String signedWithEmptyKey(String header, String claims) {
        String input = Jwts.b64(header) + "." + Jwts.b64(claims);
        try {
            byte[] ipad = new byte[64];
            byte[] opad = new byte[64];
            java.util.Arrays.fill(ipad, (byte) 0x36);
            java.util.Arrays.fill(opad, (byte) 0x5c);
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            inner.update(ipad);
            byte[] innerHash = inner.digest(input.getBytes(StandardCharsets.US_ASCII));
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            outer.update(opad);
            return input + "." + b64(outer.digest(innerHash));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Changes a character in the middle: the last one may only hold padding bits. */
    private static String flipped(String signature) {
        char[] chars = signature.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static String sign(String alg, KeyPair keys, String claims, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue(alg);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            jws.setPayload(claims);
            jws.setKey(keys.getPrivate());
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
