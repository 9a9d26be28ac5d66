package dev.oauth2jwt.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.oauth2jwt.testing.Jwts;
import java.time.Instant;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    static final String SECRET = TokenIssuerTest.SECRET;

    static TokenVerifier verifier(String secret) {
        TokenVerifier verifier = new TokenVerifier();
        verifier.keys = TokenIssuerTest.keys(secret);
        verifier.clockSkewSeconds = 30;
        verifier.build();
        return verifier;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void acceptsItsOwnTokens() throws Exception {
        String token = TokenIssuerTest.issuer(SECRET, Instant.now()).issue("johndoe").token();

        assertEquals("johndoe", verifier(SECRET).verify(token).getSubject());
    }

    @Test
    void acceptsATokenBuiltByHandAsPyJwtWould() throws Exception {
        String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "}");

        JwtClaims claims = verifier(SECRET).verify(token);

        assertEquals("johndoe", claims.getSubject());
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String token = Jwts.forSubject("another-secret-that-is-32-bytes-or-more!!", "johndoe", 600);

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token));
    }

    @Test
    void refusesAnExpiredToken() {
        String token = Jwts.forSubject(SECRET, "johndoe", -31);

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token));
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() throws Exception {
        String token = Jwts.forSubject(SECRET, "johndoe", -5);

        assertEquals("johndoe", verifier(SECRET).verify(token).getSubject());
    }

    @Test
    void refusesATokenWithoutExpiry() {
        String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\"}");

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token));
    }

    @Test
    void refusesATokenWithoutSubject() {
        String token = Jwts.hs256(SECRET, "{\"exp\":" + (now() + 600) + "}");

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token));
    }

    @Test
    void refusesASubjectThatIsNotAString() {
        String token = Jwts.hs256(SECRET, "{\"sub\":42,\"exp\":" + (now() + 600) + "}");

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token));
    }

    @Test
    void refusesOtherAlgorithmsEvenWithTheRightSecret() {
        String payload = "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "}";
        String input = Jwts.b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + Jwts.b64(payload);
        String hs512 = input + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Jwts.hmac("HmacSHA512", SECRET, input));

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(hs512));
    }

    @Test
    void refusesAnUnsignedToken() {
        String payload = "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "}";
        String none = Jwts.b64("{\"alg\":\"none\"}") + "." + Jwts.b64(payload) + ".";

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(none));
    }

    @Test
    void refusesATamperedPayload() {
        String token = Jwts.forSubject(SECRET, "johndoe", 600);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + Jwts.b64("{\"sub\":\"admin\",\"exp\":" + (now() + 600) + "}") + "." + parts[2];

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(tampered));
    }

    @Test
    void refusesGarbage() {
        TokenVerifier verifier = verifier(SECRET);

        assertThrows(InvalidTokenException.class, () -> verifier.verify(""));
        assertThrows(InvalidTokenException.class, () -> verifier.verify("abc"));
        assertThrows(InvalidTokenException.class, () -> verifier.verify("a.b.c"));
    }

    @Test
    void subjectIsReadAsAString() throws InvalidTokenException, MalformedClaimException {
        String token = Jwts.forSubject(SECRET, "jane.doe@example.com", 600);

        assertEquals("jane.doe@example.com", verifier(SECRET).verify(token).getSubject());
    }
}
