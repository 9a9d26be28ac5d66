package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.entity.Caller;
import dev.oauth2jwt.auth.entity.Introspection;
import dev.oauth2jwt.auth.entity.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Token introspection (RFC 7662) for consumers that cannot check signatures: an access token is
 * active exactly when {@code /users/me/} (or, for a client's own token, {@code /auth/verify}) would
 * accept it, revocation included; a refresh token when it could be exchanged now. Anything else,
 * a disabled user's token included, is inactive.
 */
@ApplicationScoped
public class TokenIntrospection {

    @Inject
    BearerCheck check;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    @ConfigProperty(name = "jwt.issuer")
    String issuer;

    public Introspection introspect(String token) {
        if (token.length() <= TokenVerifier.MAX_TOKEN_CHARS && TokenVerifier.isCompactJws(token)) {
            return accessToken(token);
        }
        return refreshTokens.introspect(token)
                .map(refresh -> new Introspection(true, String.join(" ", refresh.scopes()), null, refresh.username(),
                        "refresh_token", refresh.expiresAt() / 1000, refresh.issuedAt() / 1000, null, refresh.username(), null,
                        issuer, null))
                .orElse(Introspection.INACTIVE);
    }

    private Introspection accessToken(String token) {
        if (!(check.resolve(token) instanceof BearerCheck.Resolution.Resolved resolved) || resolved.caller().inactive()) {
            return Introspection.INACTIVE;
        }
        Caller caller = resolved.caller();
        VerifiedToken verified = caller.token();
        try {
            List<String> audiences = verified.claims().hasClaim("aud") ? verified.claims().getAudience() : null;
            return new Introspection(true, String.join(" ", caller.scopes()), verified.clientId(),
                    caller.isClient() ? null : caller.name(), "Bearer", verified.expiresAt(), verified.issuedAt(),
                    verified.notBefore() == Long.MIN_VALUE ? null : verified.notBefore(), verified.subject(), audiences,
                    verified.claims().getIssuer(), verified.claims().getJwtId());
        } catch (MalformedClaimException e) {
            return Introspection.INACTIVE;
        }
    }
}
