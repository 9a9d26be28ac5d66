package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.keys.control.KeySettings;
import dev.oauth2jwt.keys.control.TestKeys;
import dev.oauth2jwt.keys.entity.Algorithm;
import dev.oauth2jwt.keys.entity.SigningKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import dev.oauth2jwt.users.entity.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RS256 and ES256 with key files: key ids, the published key set, and every key pinned to its algorithm. */
class AsymmetricKeysTest {

    @TempDir
    Path dir;

    Path write(String name, String label, byte[] der) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, TestKeys.pem(label, der));
        return file;
    }

    static KeyManager keys(String algorithm, Path signing, Path... previous) {
        return TestKeys.manager(TestKeys.keyFile(Algorithm.of(algorithm).orElseThrow(), signing, previous));
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void anRs256KeyFileSignsItsIdIsItsThumbprintAndOnlyItsPublicHalfIsPublished() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        KeyManager keys = keys("RS256", write("key.pem", "PRIVATE KEY", pair.getPrivate().getEncoded()));

        assertEquals(Algorithm.RS256, keys.current().algorithm());
        assertEquals(43, keys.current().id().length(), "an RFC 7638 thumbprint, base64url SHA-256");
        JsonObject jwk = json(keys.jwks()).getJsonArray("keys").getJsonObject(0);
        assertEquals("RSA", jwk.getString("kty"));
        assertEquals(keys.current().id(), jwk.getString("kid"));
        assertEquals("sig", jwk.getString("use"));
        assertEquals("RS256", jwk.getString("alg"));
        assertTrue(jwk.containsKey("n") && jwk.containsKey("e"));
        assertFalse(jwk.containsKey("d") || jwk.containsKey("p"), "nothing private: " + jwk);
    }

    @Test
    void anEs256KeyFileIsPublishedAsAP256Key() throws Exception {
        KeyManager keys = keys("ES256", write("key.pem", "PRIVATE KEY", TestKeys.p256().getPrivate().getEncoded()));

        JsonObject jwk = json(keys.jwks()).getJsonArray("keys").getJsonObject(0);
        assertEquals("EC", jwk.getString("kty"));
        assertEquals("P-256", jwk.getString("crv"));
        assertEquals("ES256", jwk.getString("alg"));
        assertFalse(jwk.containsKey("d"));
    }

    @Test
    void previousKeysArePublishedAndAcceptedButNeverSign() throws Exception {
        KeyPair old = TestKeys.rsa(2048);
        KeyManager keys = keys("RS256", write("key.pem", "PRIVATE KEY", TestKeys.rsa(2048).getPrivate().getEncoded()),
                write("old.pem", "PUBLIC KEY", old.getPublic().getEncoded()));

        assertEquals(2, json(keys.jwks()).getJsonArray("keys").size());
        SigningKey previous = keys.all().get(1);
        assertEquals(null, previous.key(), "verifies only");
        assertEquals(previous, keys.byId(previous.id()).orElseThrow());
    }

    @Test
    void aWeakOrWrongKeyStopsStartUpSayingWhatToDo() throws Exception {
        String weak = assertThrows(IllegalStateException.class,
                () -> keys("RS256", write("weak.pem", "PRIVATE KEY", TestKeys.rsa(1024).getPrivate().getEncoded()))).getMessage();
        assertTrue(weak.contains("is a 1024-bit RSA key; RS256 needs at least 2048 bits"), weak);
        assertTrue(weak.contains("openssl genpkey"), weak);

        String wrongType = assertThrows(IllegalStateException.class,
                () -> keys("RS256", write("ec.pem", "PRIVATE KEY", TestKeys.p256().getPrivate().getEncoded()))).getMessage();
        assertTrue(wrongType.contains("is not an RSA key; JWT_ALGORITHM is RS256"), wrongType);

        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String wrongCurve = assertThrows(IllegalStateException.class,
                () -> keys("ES256", write("p384.pem", "PRIVATE KEY", p384.generateKeyPair().getPrivate().getEncoded()))).getMessage();
        assertTrue(wrongCurve.contains("is not a P-256 EC key"), wrongCurve);

        String publicOnly = assertThrows(IllegalStateException.class,
                () -> keys("ES256", write("pub.pem", "PUBLIC KEY", TestKeys.p256().getPublic().getEncoded()))).getMessage();
        assertTrue(publicOnly.contains("holds a public key"), publicOnly);

        String missing = assertThrows(IllegalStateException.class, () -> keys("ES256", dir.resolve("nowhere.pem"))).getMessage();
        assertTrue(missing.contains("cannot be read"), missing);
    }

    @Test
    void withHs256NoKeyIsPublished() {
        assertEquals("{\"keys\":[]}", TestKeys.hs256Manager().jwks());
    }

    static TokenSettings settings(KeyManager keys) {
        return TestTokens.of("https://login.example.test", java.util.List.of(), keys.algorithm());
    }

    static TokenVerifier verifier(KeyManager keys) {
        return TestTokens.verifier(keys, settings(keys));
    }

    static TokenIssuer issuer(KeyManager keys) {
        return TestTokens.issuer(keys, settings(keys));
    }

    @Test
    void tokensAreSignedInTheKeysAlgorithmAndVerify() throws Exception {
        for (String algorithm : new String[]{"RS256", "ES256"}) {
            byte[] key = ("RS256".equals(algorithm) ? TestKeys.rsa(2048) : TestKeys.p256()).getPrivate().getEncoded();
            KeyManager keys = keys(algorithm, write(algorithm + ".pem", "PRIVATE KEY", key));
            String token = issuer(keys).issue(new User("johndoe", null, null, "h", false, Set.of("me")), Set.of("me"), "s").token();

            JsonObject header = json(Jwts.part(token, 0));
            assertEquals(algorithm, header.getString("alg"));
            assertEquals("JWT", header.getString("typ"), "MicroProfile JWT verifiers want JWT");
            assertEquals(keys.current().id(), header.getString("kid"));
            assertEquals("johndoe", verifier(keys).verify(token).subject());
        }
    }

    @Test
    void anHs256TokenMadeWithThePublicKeyAsSecretIsRefused() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        KeyManager keys = keys("RS256", write("key.pem", "PRIVATE KEY", pair.getPrivate().getEncoded()));
        long exp = Instant.now().getEpochSecond() + 600;
        String payload = "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"https://login.example.test\"}";
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().id() + "\"}";
        String signingInput = Jwts.b64(header) + "." + Jwts.b64(payload);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(pair.getPublic().getEncoded(), "HmacSHA256"));
        String forged = signingInput + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier(keys).verify(forged));
        assertEquals("algorithm not permitted", refused.getMessage());
    }

    @Test
    void aSecretBesideAnAsymmetricKeyStillVerifiesHs256TokensButNeverSigns() throws Exception {
        KeySettings es256 = TestKeys.keyFile(Algorithm.ES256, write("key.pem", "PRIVATE KEY", TestKeys.p256().getPrivate().getEncoded()));
        KeyManager keys = TestKeys.manager(TestKeys.withSecret(es256, TokenIssuerTest.SECRET));

        assertEquals(Algorithm.ES256, keys.current().algorithm());
        String fastApiToken = Jwts.forSubject(TokenIssuerTest.SECRET, "johndoe", 600);
        assertEquals("johndoe", verifier(keys).verify(fastApiToken).subject());
        assertEquals(1, json(keys.jwks()).getJsonArray("keys").size(), "the secret is never published");
    }
}
