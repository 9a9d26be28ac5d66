package dev.oauth2jwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.security.KeyPair;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tests' JDK-only JWS helper agrees with jose4j both ways, so the integration tests can trust it. */
class JwsTest {

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void signaturesAndKeysAgreeWithJose4j(String algorithm) throws Exception {
        KeyPair keys = Jws.strangerKeys(algorithm);

        String ours = Jws.sign(algorithm, keys.getPrivate(), "{\"alg\":\"" + algorithm + "\"}", "{\"sub\":\"x\"}");
        JsonWebSignature check = new JsonWebSignature();
        check.setCompactSerialization(ours);
        check.setKey(keys.getPublic());
        assertTrue(check.verifySignature(), "jose4j verifies what the helper signed");

        JsonWebSignature theirs = new JsonWebSignature();
        theirs.setAlgorithmHeaderValue(algorithm);
        theirs.setPayload("{\"sub\":\"y\"}");
        theirs.setKey(keys.getPrivate());
        String token = theirs.getCompactSerialization();
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(keys.getPublic()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        var publicKey = Jws.publicKey(Json.createReader(new StringReader(jwk)).readObject());
        assertEquals(keys.getPublic(), publicKey, "the key read from the JWK is the key");
        assertTrue(Jws.verifies(token, algorithm, publicKey), "the helper verifies what jose4j signed");
        int signature = token.lastIndexOf('.') + 1;
        char flipped = token.charAt(signature) == 'A' ? 'B' : 'A';
        assertFalse(Jws.verifies(token.substring(0, signature) + flipped + token.substring(signature + 1), algorithm, publicKey));
        assertFalse(Jws.verifies(token, algorithm, Jws.strangerKeys(algorithm).getPublic()));
    }
}
