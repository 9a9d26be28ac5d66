package dev.oauth2jwt.keys.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** PEM keys as openssl writes them, the public half worked out from the private one. */
class PemKeysTest {

    static KeyPair rsa(int bits) throws Exception {
        return TestKeys.rsa(bits);
    }

    static KeyPair p256() throws Exception {
        return TestKeys.p256();
    }

    static String pem(String label, byte[] der) {
        return TestKeys.pem(label, der);
    }

    @Test
    void anRsaPrivateKeyBringsItsPublicKey() throws Exception {
        KeyPair pair = rsa(2048);

        PemKeys.KeyPair read = PemKeys.read(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "test");

        assertArrayEquals(pair.getPrivate().getEncoded(), read.privateKey().getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), read.publicKey().getEncoded());
    }

    @Test
    void anEcPrivateKeysPublicKeyIsWorkedOutOnItsCurve() throws Exception {
        for (int i = 0; i < 5; i++) {
            KeyPair pair = p256();

            PemKeys.KeyPair read = PemKeys.read(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "test");

            assertArrayEquals(pair.getPublic().getEncoded(), read.publicKey().getEncoded(), "d·G is the public point");
        }
    }

    @Test
    void aPublicKeyIsReadWithoutPrivateHalf() throws Exception {
        KeyPair pair = p256();

        PemKeys.KeyPair read = PemKeys.read(pem("PUBLIC KEY", pair.getPublic().getEncoded()), "test");

        assertNull(read.privateKey());
        assertArrayEquals(pair.getPublic().getEncoded(), read.publicKey().getEncoded());
        assertEquals(256, PemKeys.bits(read.publicKey()));
    }

    @Test
    void otherPemKindsAreRefusedWithTheCommandThatConvertsThem() {
        String pkcs1 = assertThrows(IllegalStateException.class,
                () -> PemKeys.read("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "key.pem")).getMessage();
        assertTrue(pkcs1.contains("openssl pkcs8 -topk8 -nocrypt"), pkcs1);

        String encrypted = assertThrows(IllegalStateException.class,
                () -> PemKeys.read("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "key.pem"))
                .getMessage();
        assertTrue(encrypted.contains("is encrypted"), encrypted);

        String notPem = assertThrows(IllegalStateException.class, () -> PemKeys.read("hello", "key.pem")).getMessage();
        assertTrue(notPem.startsWith("key.pem is not a PEM file"), notPem);

        String garbage = assertThrows(IllegalStateException.class,
                () -> PemKeys.read(pem("PRIVATE KEY", new byte[]{1, 2, 3}), "key.pem")).getMessage();
        assertTrue(garbage.contains("neither an RSA nor an EC private key"), garbage);
    }
}
