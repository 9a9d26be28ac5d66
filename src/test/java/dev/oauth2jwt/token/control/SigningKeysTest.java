package dev.oauth2jwt.token.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    static SigningKeys load(Optional<String> secret) {
        SigningKeys keys = new SigningKeys();
        keys.secret = secret;
        keys.load();
        return keys;
    }

    @Test
    void keyIsTheSecretsUtf8Bytes() {
        String secret = "0123456789abcdef0123456789abcdef";

        assertArrayEquals(secret.getBytes(StandardCharsets.UTF_8), load(Optional.of(secret)).current().getEncoded());
    }

    @Test
    void refusesASecretUnder32BytesSayingHowToMakeOne() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> load(Optional.of("0123456789abcdef0123456789abcde")));

        assertTrue(refused.getMessage().contains("31 bytes"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl rand -hex 32"), refused.getMessage());
    }

    @Test
    void countsBytesNotCharacters() {
        // 11 three-byte characters: 33 bytes
        String secret = "€".repeat(11);

        assertEquals(33, load(Optional.of(secret)).current().getEncoded().length);
        assertThrows(IllegalStateException.class, () -> load(Optional.of("€".repeat(10))));
    }

    @Test
    void refusesTheTutorialsPublishedKey() {
        String tutorialKey = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7";

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> load(Optional.of(tutorialKey)));

        assertTrue(refused.getMessage().contains("openssl rand -hex 32"), refused.getMessage());
    }

    @Test
    void withoutASecretGeneratesARandom256BitOne() {
        byte[] first = load(Optional.empty()).current().getEncoded();
        byte[] second = load(Optional.empty()).current().getEncoded();

        assertEquals(64, first.length, "64 hex characters: 256 random bits");
        assertNotEquals(new String(first, StandardCharsets.US_ASCII), new String(second, StandardCharsets.US_ASCII));
    }
}
