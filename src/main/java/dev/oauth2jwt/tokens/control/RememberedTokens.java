package dev.oauth2jwt.tokens.control;

import dev.oauth2jwt.tokens.entity.VerifiedToken;
import dev.oauth2jwt.caching.ExpiringCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * A client presents the same token for its whole life: once a token has passed every check of
 * {@link TokenVerifier}, later presentations of the very same string skip the signature and
 * parsing, and only the checks that depend on the time ({@code exp}, {@code nbf}) are made again.
 * Refused tokens are never remembered.
 */
@ApplicationScoped
public class RememberedTokens {

    /** Verified tokens remembered; a fixed bound, cleared when reached. */
    static final int CACHE_SIZE = 4096;

    @Inject
    TokenVerifier verifier;

    Clock clock = Clock.systemUTC();
    private ExpiringCache<String, VerifiedToken> remembered;

    @PostConstruct
    void init() {
        // no age limit: a remembered token's own exp decides, checked at every presentation
        remembered = ExpiringCache.withoutAgeLimit(CACHE_SIZE);
    }

    /** The token, once its signature and claims check out. */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        VerifiedToken known = remembered.getIfPresent(token);
        if (known == null) {
            VerifiedToken verified = verifier.verify(token);
            remembered.put(token, verified);
            return verified;
        }
        long now = clock.instant().getEpochSecond();
        int skew = verifier.clockSkewSeconds();
        if (now - skew >= known.expiresAt()) {
            remembered.forget(token);
            throw new InvalidTokenException("expired");
        }
        if (now + skew < known.notBefore()) {
            throw new InvalidTokenException("not yet valid (nbf)");
        }
        return known;
    }
}
