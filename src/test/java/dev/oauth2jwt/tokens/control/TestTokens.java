package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;
import dev.oauth2jwt.keys.control.TestKeys;
import dev.oauth2jwt.keys.entity.Algorithm;
import java.util.List;

/** Token settings, issuers and verifiers as the server builds them, without a server: for the unit tests of other packages. */
public final class TestTokens {

    private TestTokens() {
    }

    /** The seed's tokens: HS256, the default issuer, no audience, 30 minutes. */
    public static TokenSettings seed() {
        return of("oauth2-jwt", List.of(), Algorithm.HS256);
    }

    /** This issuer and these configured audiences (none: the default), the rest as the defaults. */
    public static TokenSettings of(String issuer, List<String> configuredAudiences, Algorithm algorithm) {
        return new TokenSettings(issuer, false, TokenSettings.audiences(configuredAudiences, algorithm, issuer),
                !configuredAudiences.isEmpty(), "JWT", 30, 30, 30, false, algorithm);
    }

    /** The seed's, with this {@code typ} and these lifetimes (minutes). */
    public static TokenSettings seed(String tokenType, int expireMinutes, int maxLifetimeMinutes) {
        return new TokenSettings("oauth2-jwt", false, List.of(), false, tokenType, expireMinutes, maxLifetimeMinutes, 30, false,
                Algorithm.HS256);
    }

    /** The same settings, with another {@code sub}. */
    public static TokenSettings withSubjectIsId(TokenSettings settings, boolean subjectIsId) {
        return new TokenSettings(settings.issuer(), settings.issuerRequired(), settings.audiences(), settings.audienceRequired(),
                settings.tokenType(), settings.expireMinutes(), settings.maxLifetimeMinutes(), settings.clockSkewSeconds(), subjectIsId,
                settings.algorithm());
    }

    public static TokenIssuer issuer(KeyManager keys, TokenSettings settings) {
        TokenIssuer issuer = new TokenIssuer();
        issuer.keys = keys;
        issuer.settings = settings;
        return issuer;
    }

    /** An issuer whose tokens say it is the time the clock says. */
    public static TokenIssuer issuer(KeyManager keys, TokenSettings settings, java.time.Clock clock) {
        TokenIssuer issuer = issuer(keys, settings);
        issuer.clock = clock;
        return issuer;
    }

    public static TokenVerifier verifier(KeyManager keys, TokenSettings settings) {
        TokenVerifier verifier = new TokenVerifier();
        verifier.keys = keys;
        verifier.settings = settings;
        verifier.build();
        return verifier;
    }

    /** The seed's issuer: HS256 with {@link TestKeys#SECRET}. */
    public static TokenIssuer seedIssuer() {
        return issuer(TestKeys.hs256Manager(), seed());
    }

    /** The seed's verifier: HS256 with {@link TestKeys#SECRET}. */
    public static TokenVerifier seedVerifier() {
        return verifier(TestKeys.hs256Manager(), seed());
    }
}
