package dev.oauth2jwt.token.control;

import dev.oauth2jwt.token.entity.IssuedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Signs access tokens: HS256, header {@code {"alg":"HS256","typ":"JWT"}}, claims {@code sub} and {@code exp}. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.expire-minutes")
    int expireMinutes;

    Clock clock = Clock.systemUTC();

    @PostConstruct
    void checkLifetime() {
        if (expireMinutes < 1) {
            throw new IllegalStateException("JWT_EXPIRE_MINUTES is " + expireMinutes + "; it must be at least 1");
        }
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad JWT_EXPIRE_MINUTES stops the deployment
    }

    public IssuedToken issue(String username) {
        long lifetime = expireMinutes * 60L;
        JwtClaims claims = new JwtClaims();
        claims.setSubject(username);
        claims.setExpirationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond() + lifetime));

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(keys.current());
        try {
            return new IssuedToken(jws.getCompactSerialization(), lifetime);
        } catch (JoseException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
