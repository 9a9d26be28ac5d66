package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.testing.HostileTokens;
import dev.oauth2jwt.testing.Jwts;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

    static final String SECRET = TokenIssuerTest.SECRET;
    static final String PREVIOUS = "the-previous-secret-that-is-long-enough-000";

    static TokenVerifier verifier(KeyManager keys) {
        return TestTokens.verifier(keys, TestTokens.seed());
    }

    static TokenVerifier verifier(String secret) {
        return verifier(TokenIssuerTest.keys(secret));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void acceptsItsOwnTokens() throws Exception {
        String token = TokenIssuerTest.issue(TokenIssuerTest.issuer(SECRET, Instant.now())).token();

        assertEquals("johndoe", verifier(SECRET).verify(token).subject());
    }

    @Test
    void acceptsATokenBuiltByHandAsPyJwtWould() throws Exception {
        String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "}");

        VerifiedToken verified = verifier(SECRET).verify(token);

        assertEquals("johndoe", verified.subject());
    }

    /** OpenID Connect Core 3.1.3.7: an ID token tells a client who logged in; it opens no API. */
    @Test
    void refusesIdTokensAsAccessTokens() {
        for (String claim : new String[] {"\"nonce\":\"n\"", "\"at_hash\":\"x\"", "\"auth_time\":1"}) {
            String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "," + claim + "}");

            InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(token), claim);
            assertEquals("an ID token, not an access token", refused.getMessage());
        }
    }

    /** Back-Channel Logout 1.0 section 2.4: a logout token, which an app received by POST, opens no API either. */
    @Test
    void refusesLogoutTokensAsAccessTokens() {
        String ours = TokenIssuerTest.issuer(SECRET, Instant.now()).logoutToken("crm", "johndoe", "browser-login");
        String byHand = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + ",\"events\":{}}");

        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(ours), "its audience is its app already");
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(byHand));
        assertEquals("a logout token, not an access token", refused.getMessage(), "and its events claim, whatever its audience");
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() throws Exception {
        String token = Jwts.forSubject(SECRET, "johndoe", -5);

        assertEquals("johndoe", verifier(SECRET).verify(token).subject());
    }

    @Test
    void acceptsATokenAsLongLivedAsTheLongestLifetime() throws Exception {
        assertEquals("johndoe", verifier(SECRET).verify(Jwts.forSubject(SECRET, "johndoe", 30 * 60)).subject());
        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(Jwts.forSubject(SECRET, "johndoe", 32 * 60)));
    }

    static Stream<HostileTokens.Case> hostile() {
        // the verifier knows no users: a token naming an unknown one is the filter's to refuse
        return HostileTokens.all(SECRET, "johndoe").stream().filter(c -> !c.name().equals("sub names no user"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refuses(HostileTokens.Case hostile) {
        TokenVerifier verifier = verifier(SECRET);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThrows(InvalidTokenException.class, () -> verifier.verify(hostile.token())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theReasonForTheLogNeverQuotesTheToken(HostileTokens.Case hostile) {
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(hostile.token()));

        String reason = refused.getMessage();
        assertTrue(reason.length() < 60, reason);
        for (String part : hostile.token().split("\\.")) {
            assertFalse(part.length() > 8 && reason.contains(part.substring(0, 8)), reason);
        }
        assertFalse(reason.contains("johndoe"), reason);
    }

    @Test
    void tokensOfAPreviousSecretStillVerifyAfterARotation() throws Exception {
        TokenVerifier verifier = verifier(TokenIssuerTest.keys(SECRET, PREVIOUS));

        String fromFastApi = Jwts.forSubject(PREVIOUS, "johndoe", 600);
        assertEquals("johndoe", verifier.verify(fromFastApi).subject(), "no kid: each key is tried");

        TokenIssuer before = TokenIssuerTest.issuer(PREVIOUS, Instant.now());
        assertEquals("johndoe", verifier.verify(TokenIssuerTest.issue(before).token()).subject(), "kid of the previous key");
    }

    @Test
    void aKidPicksItsKeyAndNoOther() {
        KeyManager keys = TokenIssuerTest.keys(SECRET, PREVIOUS);
        TokenVerifier verifier = verifier(keys);
        String previousKid = keys.all().get(1).id();

        String claims = "{\"sub\":\"johndoe\",\"exp\":" + (now() + 600) + "}";
        String mislabelled = Jwts.hs256(SECRET, "{\"alg\":\"HS256\",\"kid\":\"" + previousKid + "\"}", claims);
        assertThrows(InvalidTokenException.class, () -> verifier.verify(mislabelled));

        String unknownKid = Jwts.hs256(SECRET, "{\"alg\":\"HS256\",\"kid\":\"no-such-key\"}", claims);
        assertThrows(InvalidTokenException.class, () -> verifier.verify(unknownKid));
    }

    @Test
    void withoutARotationAnOldSecretIsRefused() {
        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(Jwts.forSubject(PREVIOUS, "johndoe", 600)));
    }

    @Test
    void anIssuerMustBeOursAndIsOptionalUnlessRequired() throws Exception {
        long exp = now() + 600;
        String ours = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"oauth2-jwt\"}");
        String theirs = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iss\":\"someone-else\"}");
        String none = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + "}");

        TokenVerifier lenient = verifier(SECRET);
        assertEquals("johndoe", lenient.verify(ours).subject());
        assertEquals("johndoe", lenient.verify(none).subject(), "a FastAPI token has no iss");
        assertThrows(InvalidTokenException.class, () -> lenient.verify(theirs));

        TokenSettings seed = TestTokens.seed();
        TokenSettings issuerRequired = new TokenSettings(seed.issuer(), true, seed.audiences(), seed.audienceRequired(), seed.tokenType(),
                seed.expireMinutes(), seed.maxLifetimeMinutes(), seed.clockSkewSeconds(), seed.subjectIsId(), seed.algorithm());
        TokenVerifier strict = TestTokens.verifier(TokenIssuerTest.keys(SECRET), issuerRequired);
        assertEquals("johndoe", strict.verify(ours).subject());
        assertThrows(InvalidTokenException.class, () -> strict.verify(none));
    }

    @Test
    void aTokenWithoutIatCountsAsIssuedAtExpMinusTheLifetime() throws Exception {
        long exp = now() + 600;
        String token = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + "}");

        assertEquals(exp - 1800, verifier(SECRET).verify(token).issuedAt());
        String withIat = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iat\":" + (now() - 5) + "}");
        assertEquals(now() - 5, verifier(SECRET).verify(withIat).issuedAt(), 1);
        String badIat = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"iat\":\"yesterday\"}");
        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(badIat));
    }

    @Test
    void scopesComeFromTheScopeClaimOrAreTheDefaultsForTheSeedsTokens() throws Exception {
        long exp = now() + 600;
        assertEquals(java.util.Set.of("me", "items"),
                verifier(SECRET).verify(Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + "}")).scopes());
        assertEquals(java.util.Set.of("items"),
                verifier(SECRET).verify(Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"scope\":\"items\"}")).scopes());
        assertEquals(java.util.Set.of(),
                verifier(SECRET).verify(Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"scope\":\"\"}")).scopes());
        String badScope = Jwts.hs256(SECRET, "{\"sub\":\"johndoe\",\"exp\":" + exp + ",\"scope\":[\"me\"]}");
        assertThrows(InvalidTokenException.class, () -> verifier(SECRET).verify(badScope));
    }

    @Test
    void recognisesCompactJws() {
        assertTrue(TokenVerifier.isCompactJws("a.b.c"));
        assertTrue(TokenVerifier.isCompactJws("a.b."));
        assertFalse(TokenVerifier.isCompactJws("a.b"));
        assertFalse(TokenVerifier.isCompactJws("a..c"));
        assertFalse(TokenVerifier.isCompactJws(".b.c"));
        assertFalse(TokenVerifier.isCompactJws("a.b.c.d"));
        assertFalse(TokenVerifier.isCompactJws("a.b+.c"));
    }

    @Test
    void measuresNestingOutsideStrings() {
        assertEquals(1, JsonNesting.depth("{\"a\":\"[[[[\"}"));
        assertEquals(3, JsonNesting.depth("{\"a\":[{\"b\":\"\\\"[\"}]}"));
        assertEquals(0, JsonNesting.depth("1"));
    }
}
