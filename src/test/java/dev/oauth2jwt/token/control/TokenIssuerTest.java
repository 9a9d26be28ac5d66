package dev.oauth2jwt.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import dev.oauth2jwt.token.entity.IssuedToken;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";

    static SigningKeys keys(String secret, String... previous) {
        SigningKeys keys = new SigningKeys();
        keys.secret = Optional.of(secret);
        keys.previousSecrets = previous.length == 0 ? Optional.empty() : Optional.of(String.join(",", previous));
        keys.load();
        return keys;
    }

    static TokenIssuer issuer(String secret, Instant now) {
        TokenIssuer issuer = new TokenIssuer();
        issuer.keys = keys(secret);
        issuer.expireMinutes = 30;
        issuer.maxLifetimeMinutes = 30;
        issuer.clock = Clock.fixed(now, ZoneOffset.UTC);
        issuer.checkLifetime();
        return issuer;
    }

    @Test
    void tokenHasPyJwtHeaderWithTheKeyIdAndSubjectAndExpiry() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        IssuedToken issued = issuer(SECRET, now).issue("johndoe");

        assertEquals(1800, issued.expiresInSeconds());
        String keyId = keys(SECRET).current().id();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}", Jwts.part(issued.token(), 0));
        assertEquals("{\"sub\":\"johndoe\",\"exp\":" + (now.getEpochSecond() + 1800) + "}", Jwts.part(issued.token(), 1));
    }

    @Test
    void signatureIsHmacSha256OverTheSecretsUtf8Bytes() {
        String secret = "ünïcödé-secret-that-is-long-enough-for-hs256";
        String token = issuer(secret, Instant.now()).issue("johndoe").token();

        String[] parts = token.split("\\.");
        byte[] expected = Jwts.hmac("HmacSHA256", secret, parts[0] + "." + parts[1]);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), parts[2]);
    }

    @Test
    void signsWithTheCurrentKeyAfterARotation() {
        TokenIssuer issuer = issuer(SECRET, Instant.now());
        issuer.keys = keys(SECRET, "the-previous-secret-that-is-long-enough-000");

        String token = issuer.issue("johndoe").token();

        assertTrue(Jwts.part(token, 0).contains(issuer.keys.current().id()));
        String[] parts = token.split("\\.");
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(
                Jwts.hmac("HmacSHA256", SECRET, parts[0] + "." + parts[1])), parts[2]);
    }

    @Test
    void refusesALifetimeTheVerifierWouldRefuse() {
        TokenIssuer issuer = new TokenIssuer();
        issuer.expireMinutes = 60;
        issuer.maxLifetimeMinutes = 30;

        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, issuer::checkLifetime);
        issuer.expireMinutes = 0;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, issuer::checkLifetime);
    }

    @Test
    void expiryFollowsTheConfiguredLifetime() {
        TokenIssuer issuer = issuer(SECRET, Instant.parse("2026-11-26T12:00:00Z"));
        issuer.expireMinutes = 5;
        issuer.maxLifetimeMinutes = 5;

        IssuedToken issued = issuer.issue("johndoe");

        assertEquals(300, issued.expiresInSeconds());
        assertTrue(Jwts.part(issued.token(), 1).contains("\"exp\":" + (Instant.parse("2026-11-26T12:05:00Z").getEpochSecond())));
    }
}
