package dev.oauth2jwt.keys.control;

import dev.oauth2jwt.keys.entity.Algorithm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The private halves of stored keys, encrypted under a key from outside the database. */
class KeyEncryptionTest {

    static final String SECRET = "a key encryption key of at least 32 bytes";
    static final byte[] PRIVATE = "the PKCS#8 bytes of a private key".getBytes(StandardCharsets.US_ASCII);

    static KeyEncryption encryption(String secret, String previous) {
        return TestKeys.encryption(previous == null ? TestKeys.stored(Algorithm.RS256, secret)
                : TestKeys.stored(Algorithm.RS256, secret, previous));
    }

    @Test
    void aStoredKeyDecryptsUnderItsKeyIdAndAlgorithmOnly() throws Exception {
        KeyEncryption encryption = encryption(SECRET, null);
        String stored = encryption.encrypt("kid-1", "RS256", PRIVATE);

        assertTrue(stored.startsWith(KeyEncryption.PREFIX), stored);
        assertFalse(stored.contains("PKCS"), "no plain text");
        assertArrayEquals(PRIVATE, encryption.decrypt("kid-1", "RS256", stored));
        assertThrows(KeyEncryption.Unreadable.class, () -> encryption.decrypt("kid-2", "RS256", stored), "moved to another row");
        assertThrows(KeyEncryption.Unreadable.class, () -> encryption.decrypt("kid-1", "ES256", stored));
        String altered = stored.substring(0, stored.length() - 6) + (stored.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        assertThrows(KeyEncryption.Unreadable.class, () -> encryption.decrypt("kid-1", "RS256", altered));
    }

    @Test
    void anotherKeyCannotDecryptItButAPreviousOneStillDoes() throws Exception {
        String stored = encryption(SECRET, null).encrypt("kid-1", "ES256", PRIVATE);

        assertThrows(KeyEncryption.Unreadable.class,
                () -> encryption("another key encryption key, 32 bytes long", null).decrypt("kid-1", "ES256", stored));
        KeyEncryption rotated = encryption("another key encryption key, 32 bytes long", SECRET);
        assertArrayEquals(PRIVATE, rotated.decrypt("kid-1", "ES256", stored));
        assertTrue(rotated.outdated(stored), "to be encrypted again under the current key");
        assertFalse(rotated.outdated(rotated.encrypt("kid-1", "ES256", PRIVATE)));
    }

    @Test
    void aShortKeyOrNoneRefusesToEncrypt() {
        assertThrows(IllegalStateException.class, () -> encryption("too short", null));
        KeyEncryption none = encryption(null, null);
        assertFalse(none.configured());
        assertThrows(IllegalStateException.class, () -> none.encrypt("kid-1", "RS256", PRIVATE));
    }
}
