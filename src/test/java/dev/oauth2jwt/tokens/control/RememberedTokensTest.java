package dev.oauth2jwt.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.testing.Jwts;
import org.junit.jupiter.api.Test;

/** Tokens that passed every check, presented again: only the time is checked again. */
class RememberedTokensTest {

    static final String SECRET = TokenVerifierTest.SECRET;

    static long now() {
        return TokenVerifierTest.now();
    }

    static RememberedTokens remembered(TokenVerifier verifier) {
        RememberedTokens remembered = new RememberedTokens();
        remembered.verifier = verifier;
        remembered.init();
        return remembered;
    }

    @Test
    void aRememberedTokenIsStillRefusedOnceExpired() throws Exception {
        RememberedTokens verifier = remembered(TokenVerifierTest.verifier(SECRET));
        String token = Jwts.forSubject(SECRET, "johndoe", 60);
        assertEquals("johndoe", verifier.verify(token).subject());
        assertEquals("johndoe", verifier.verify(token).subject(), "the second time from what was remembered");

        verifier.clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(60 + 31));

        assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
    }

    @Test
    void aRememberedTokenIsRefusedBeforeItsNbf() throws Exception {
        RememberedTokens verifier = remembered(TokenVerifierTest.verifier(SECRET));
        String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + ",\"nbf\":" + (now() - 10) + "}");
        verifier.verify(token);

        verifier.clock = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(-60));

        assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
    }

    @Test
    void failuresAreNeverRemembered() {
        RememberedTokens verifier = remembered(TokenVerifierTest.verifier(SECRET));
        String wrongKey = Jwts.forSubject("another-secret-that-is-32-bytes-or-more!!", "johndoe", 600);

        for (int i = 0; i < 3; i++) {
            assertThrows(InvalidTokenException.class, () -> verifier.verify(wrongKey));
        }
    }
}
