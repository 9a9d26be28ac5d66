package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.keys.control.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.Jwts;
import dev.oauth2jwt.tokens.entity.IssuedToken;
import dev.oauth2jwt.users.entity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";

    static KeyManager keys(String secret, String... previous) {
        return TestKeys.manager(TestKeys.hs256(secret, previous));
    }

    static TokenIssuer issuer(String secret, Instant now) {
        return issuer(secret, now, TestTokens.seed());
    }

    static TokenIssuer issuer(String secret, Instant now, TokenSettings settings) {
        TokenIssuer issuer = TestTokens.issuer(keys(secret), settings);
        issuer.clock = Clock.fixed(now, ZoneOffset.UTC);
        return issuer;
    }

    static final User JOHNDOE = new User("johndoe", null, null, "hash", false, Set.of("me", "items"));

    static IssuedToken issue(TokenIssuer issuer) {
        return issuer.issue(JOHNDOE, new LinkedHashSet<>(List.of("me", "items")), "session-1");
    }

    @Test
    void tokenHasPyJwtHeaderWithTheKeyIdAndTheClaimsOfSeedScopesAndMicroProfile() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        IssuedToken issued = issue(issuer(SECRET, now));

        assertEquals(1800, issued.expiresInSeconds());
        String keyId = keys(SECRET).current().id();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}", Jwts.part(issued.token(), 0));
        String payload = Jwts.part(issued.token(), 1);
        String jti = payload.replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1");
        assertEquals("{\"sub\":\"johndoe\",\"exp\":" + (now.getEpochSecond() + 1800) + ",\"iat\":" + now.getEpochSecond()
                + ",\"jti\":\"" + jti + "\",\"iss\":\"oauth2-jwt\",\"sid\":\"session-1\",\"upn\":\"johndoe\",\"groups\":[\"me\",\"items\"],"
                + "\"scope\":\"me items\"}", payload);
        assertEquals(36, jti.length(), "a random UUID");
        assertNotEquals(jti, Jwts.part(issue(issuer(SECRET, now)).token(), 1).replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1"));
    }

    @Test
    void aDisabledUsersTokenNamesNoGroupsForMicroProfileConsumers() {
        Instant now = Instant.parse("2026-11-26T12:00:00.400Z");
        User disabled = new User("alice", null, null, "hash", true, Set.of("me", "items"));

        String payload = Jwts.part(issuer(SECRET, now).issue(disabled, Set.of("me"), "session-2").token(), 1);

        assertTrue(!payload.contains("\"groups\""), payload);
        assertTrue(payload.contains("\"scope\":\"me\""), "our own endpoints answer 400 Inactive user: " + payload);
        assertTrue(payload.contains("\"iat\":" + now.getEpochSecond()), "the true issue time: " + payload);
    }

    @Test
    void signatureIsHmacSha256OverTheSecretsUtf8Bytes() {
        String secret = "ünïcödé-secret-that-is-long-enough-for-hs256";
        String token = issue(issuer(secret, Instant.now())).token();

        String[] parts = token.split("\\.");
        byte[] expected = Jwts.hmac("HmacSHA256", secret, parts[0] + "." + parts[1]);
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), parts[2]);
    }

    @Test
    void signsWithTheCurrentKeyAfterARotation() {
        TokenIssuer issuer = issuer(SECRET, Instant.now());
        issuer.keys = keys(SECRET, "the-previous-secret-that-is-long-enough-000");

        String token = issue(issuer).token();

        assertTrue(Jwts.part(token, 0).contains(issuer.keys.current().id()));
        String[] parts = token.split("\\.");
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(
                Jwts.hmac("HmacSHA256", SECRET, parts[0] + "." + parts[1])), parts[2]);
    }

    @Test
    void theTokenTypeIsJwtOrRfc9068sAtJwtAndNothingElse() {
        TokenIssuer issuer = issuer(SECRET, Instant.parse("2026-11-26T12:00:00Z"), TestTokens.seed("at+jwt", 30, 30));
        assertTrue(Jwts.part(issuer.issue(JOHNDOE, Set.of("me"), "session-1").token(), 0).contains("\"typ\":\"at+jwt\""));

        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TestTokens.seed("jwt", 30, 30));
    }

    @Test
    void refusesALifetimeTheVerifierWouldRefuse() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TestTokens.seed("JWT", 60, 30));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> TestTokens.seed("JWT", 0, 30));
    }

    @Test
    void expiryFollowsTheConfiguredLifetime() {
        TokenIssuer issuer = issuer(SECRET, Instant.parse("2026-11-26T12:00:00Z"), TestTokens.seed("JWT", 5, 5));

        IssuedToken issued = issue(issuer);

        assertEquals(300, issued.expiresInSeconds());
        assertTrue(Jwts.part(issued.token(), 1).contains("\"exp\":" + (Instant.parse("2026-11-26T12:05:00Z").getEpochSecond())));
    }
}
