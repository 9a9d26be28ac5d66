package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeySettings;
import dev.oauth2jwt.keys.entity.Algorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * What the tokens made and checked here say, read once and checked at start-up: the issuer (with
 * RS256/ES256 the service's public base URL, which consumers find the keys and metadata from), the
 * audiences ({@code JWT_AUDIENCE}, required in tokens then; without it the issuer with RS256/ES256,
 * none with HS256), the {@code typ}, the lifetimes, the clock skew allowed, and what the {@code sub}
 * of a user's access token is.
 *
 * @param audiences what every access token carries in {@code aud}, and a token's {@code aud} must be one of
 * @param audienceRequired {@code JWT_AUDIENCE} was set: a token without one of them is refused
 * @param subjectIsId {@code ACCESS_TOKEN_SUBJECT=id}: {@code sub} is the account's identifier, not its username
 */
public record TokenSettings(String issuer, boolean issuerRequired, List<String> audiences, boolean audienceRequired,
                            String tokenType, int expireMinutes, int maxLifetimeMinutes, int clockSkewSeconds, boolean subjectIsId,
                            Algorithm algorithm) {

    static final Set<String> TOKEN_TYPES = Set.of("JWT", "at+jwt");

    public TokenSettings {
        if (!TOKEN_TYPES.contains(tokenType)) {
            throw new IllegalStateException("JWT_TOKEN_TYPE is '" + tokenType + "'; it must be JWT or at+jwt");
        }
        if (expireMinutes < 1) {
            throw new IllegalStateException("JWT_EXPIRE_MINUTES is " + expireMinutes + "; it must be at least 1");
        }
        if (maxLifetimeMinutes < expireMinutes) {
            throw new IllegalStateException("JWT_MAX_LIFETIME_MINUTES (" + maxLifetimeMinutes + ") is below "
                    + "JWT_EXPIRE_MINUTES (" + expireMinutes + "): the tokens issued here would be refused");
        }
        if (algorithm.asymmetric() && !isUrl(issuer)) {
            throw new IllegalStateException("JWT_ISSUER is '" + issuer + "'; with JWT_ALGORITHM " + algorithm
                    + " it must be the public base URL of this service (e.g. https://login.example.com): consumers "
                    + "find the keys and the metadata from it");
        }
        audiences = List.copyOf(audiences);
    }

    /**
     * The {@code aud} of every access token: {@code JWT_AUDIENCE}; without it, the issuer when ID
     * tokens exist (RS256, ES256), so that a consumer checking the audience never takes an ID token
     * (whose {@code aud} is a client's id, which cannot be a URL) for an access token; none with
     * HS256, whose seed tokens have none and where a FastAPI service's PyJWT would refuse one it
     * was not told of.
     */
    static List<String> audiences(List<String> configured, Algorithm algorithm, String issuer) {
        if (!configured.isEmpty() || !algorithm.asymmetric()) {
            return configured;
        }
        return List.of(issuer);
    }

    /** Whether ID tokens can be signed: only with an asymmetric key, which the client can check without our secret. */
    public boolean signsIdTokens() {
        return algorithm.asymmetric();
    }

    /**
     * How people's authenticator apps label this service: the issuer's host when it is a URL (what
     * the users know the login page by), else "oauth2-jwt".
     */
    public String displayName() {
        return isUrl(issuer) ? URI.create(issuer).getHost() : "oauth2-jwt";
    }

    /** An absolute http(s) URL without query or fragment, as RFC 8414 wants an issuer. */
    public static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Read from MicroProfile Config, once; the defaults are microprofile-config.properties'. */
    @ApplicationScoped
    public static class Producer {

        @Inject
        Config config;

        @Produces
        @Singleton
        TokenSettings settings(KeySettings keys) {
            String subject = config.getValue("access-token.subject", String.class);
            if (!Set.of("username", "id").contains(subject)) {
                throw new IllegalStateException("ACCESS_TOKEN_SUBJECT is '" + subject + "'; it must be username or id");
            }
            String issuer = config.getValue("jwt.issuer", String.class);
            List<String> configured = config.getOptionalValue("jwt.audience", String.class).stream()
                    .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(value -> !value.isEmpty()).toList();
            return new TokenSettings(issuer, config.getValue("jwt.issuer-required", Boolean.class),
                    audiences(configured, keys.algorithm(), issuer), !configured.isEmpty(), config.getValue("jwt.token-type", String.class),
                    config.getValue("jwt.expire-minutes", Integer.class), keys.maxTokenLifetimeMinutes(), keys.clockSkewSeconds(),
                    "id".equals(subject), keys.algorithm());
        }

        void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, TokenSettings settings) {
            // resolving the settings at start-up checks them: a wrong one stops the deployment
        }
    }
}
