package dev.oauth2jwt.token.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/** Checks bearer tokens: HS256 only, signed with the configured key, {@code exp} and {@code sub} required. */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.clock-skew-seconds")
    int clockSkewSeconds;

    private JwtConsumer consumer;

    @PostConstruct
    void build() {
        consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setVerificationKey(keys.current())
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .build();
    }

    /** The token's claims, once its signature and claims check out. */
    public JwtClaims verify(String token) throws InvalidTokenException {
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(e.getErrorDetails().isEmpty()
                    ? "invalid token"
                    : e.getErrorDetails().get(0).getErrorMessage());
        }
    }
}
