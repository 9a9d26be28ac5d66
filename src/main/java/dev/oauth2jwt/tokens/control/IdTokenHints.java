package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.keys.control.KeyManager;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The {@code id_token_hint} of a logout (OpenID Connect RP-Initiated Logout 1.0, section 2): an ID
 * token this server signed, expired or not (a user logs out long after logging in), naming the
 * client that sends the browser. Only its signature and issuer are checked: it proves which client
 * asks, not that anyone is still logged in.
 */
@ApplicationScoped
public class IdTokenHints {

    /** Who the hint was issued to and for. */
    public record Hint(String clientId, String subject) {
    }

    @Inject
    KeyManager keys;

    @Inject
    TokenSettings settings;

    private JwtConsumer consumer;

    @PostConstruct
    void build() {
        consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> keys.keyFor(jws))
                .setSkipAllValidators()
                .build();
    }

    /** The client and user of an ID token of ours; empty for anything else. */
    public Optional<Hint> read(String idTokenHint) {
        if (idTokenHint == null || idTokenHint.length() > TokenVerifier.MAX_TOKEN_CHARS || !TokenVerifier.isCompactJws(idTokenHint)) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(idTokenHint);
            String azp = claims.getStringClaimValue("azp");
            if (!settings.issuer().equals(claims.getIssuer()) || azp == null || !claims.hasClaim("auth_time")
                    || !claims.getAudience().contains(azp)) {
                return Optional.empty();
            }
            return Optional.of(new Hint(azp, claims.getSubject()));
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
