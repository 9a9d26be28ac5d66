package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Authenticator-app codes against RFC 6238's own test vectors (SHA-1), and the drift and format rules. */
class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
    static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void computesTheCodesOfRfc6238AppendixB() {
        // the RFC lists 8 digits; 6-digit codes are their last six
        assertEquals(OptionalLong.of(1), Totp.matchingStep(RFC_SECRET, "287082", 59_000));
        assertEquals(OptionalLong.of(37_037_036), Totp.matchingStep(RFC_SECRET, "081804", 1_111_111_109_000L));
        assertEquals(OptionalLong.of(37_037_037), Totp.matchingStep(RFC_SECRET, "050471", 1_111_111_111_000L));
        assertEquals(OptionalLong.of(41_152_263), Totp.matchingStep(RFC_SECRET, "005924", 1_234_567_890_000L));
        assertEquals(OptionalLong.of(66_666_666), Totp.matchingStep(RFC_SECRET, "279037", 2_000_000_000_000L));
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        long step = Totp.step(1_234_567_890_000L);
        String code = Totp.code(Totp.unbase32(RFC_SECRET), step);
        assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_SECRET, code, (step + 1) * 30_000));
        assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_SECRET, code, (step - 1) * 30_000));
        assertEquals(OptionalLong.empty(), Totp.matchingStep(RFC_SECRET, code, (step + 2) * 30_000), "a minute late");
        assertEquals(OptionalLong.empty(), Totp.matchingStep(RFC_SECRET, code, (step - 2) * 30_000), "a minute early");
    }

    @Test
    void refusesAnythingButSixDigits() {
        long now = 1_234_567_890_000L;
        for (String typed : new String[] {null, "", "5924", "0059240", " 005924", "00592a", "89005924", "００５９２４"}) {
            assertEquals(OptionalLong.empty(), Totp.matchingStep(RFC_SECRET, typed, now), String.valueOf(typed));
        }
    }

    @Test
    void newSecretsAre160RandomBitsInBase32() {
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertEquals(20, Totp.unbase32(secret).length);
        assertTrue(!secret.equals(Totp.newSecret()));
    }

    @Test
    void base32RoundTripsAndReadsWhatPeopleType() {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42, 7, 9, 100, (byte) 0x80};
        assertArrayEquals(bytes, Totp.unbase32(Totp.base32(bytes)));
        assertArrayEquals(Totp.unbase32(RFC_SECRET), Totp.unbase32(RFC_SECRET.toLowerCase().replaceAll("(.{4})", "$1 ")));
    }

    @Test
    void writesTheKeyUriAppsRead() {
        assertEquals("otpauth://totp/login.example.com:john%20doe?secret=" + RFC_SECRET
                        + "&issuer=login.example.com&algorithm=SHA1&digits=6&period=30",
                Totp.uri("login.example.com", "john doe", RFC_SECRET));
    }
}
