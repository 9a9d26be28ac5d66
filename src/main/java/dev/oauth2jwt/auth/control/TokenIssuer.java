package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.control.SigningKeys.SigningKey;
import dev.oauth2jwt.auth.entity.IssuedToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs access tokens: HS256 with the current key, header {@code {"alg":"HS256","typ":"JWT","kid":...}},
 * claims {@code sub} and {@code exp} as the seed, {@code scope} as FastAPI's scopes chapter,
 * {@code iat}, {@code jti}, {@code iss}, {@code upn}, {@code groups} for MicroProfile JWT consumers,
 * and {@code sid}, the login session, by which the token is revoked with it.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.expire-minutes")
    int expireMinutes;

    @Inject
    @ConfigProperty(name = "jwt.max-lifetime-minutes")
    int maxLifetimeMinutes;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void checkLifetime() {
        if (expireMinutes < 1) {
            throw new IllegalStateException("JWT_EXPIRE_MINUTES is " + expireMinutes + "; it must be at least 1");
        }
        if (maxLifetimeMinutes < expireMinutes) {
            throw new IllegalStateException("JWT_MAX_LIFETIME_MINUTES (" + maxLifetimeMinutes + ") is below "
                    + "JWT_EXPIRE_MINUTES (" + expireMinutes + "): the tokens issued here would be refused");
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad JWT_EXPIRE_MINUTES stops the deployment
    }

    /**
     * An access token of a login session for the user with the granted scopes. A disabled user's
     * token (the seed lets them log in) names no {@code groups}: a MicroProfile JWT consumer, which
     * knows nothing of disabled accounts, must grant it nothing.
     */
    public IssuedToken issue(User user, Set<String> scopes, String sessionId) {
        long lifetime = expireMinutes * 60L;
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user.username());
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuer(issuer);
        claims.setClaim("sid", sessionId);
        claims.setClaim("upn", user.username());
        if (!user.disabled()) {
            claims.setStringListClaim("groups", List.copyOf(scopes));
        }
        claims.setClaim("scope", String.join(" ", scopes));

        SigningKey key = keys.current();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(key.id());
        jws.setPayload(claims.toJson());
        jws.setKey(key.key());
        try {
            return new IssuedToken(jws.getCompactSerialization(), lifetime, scopes);
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
