package dev.oauth2jwt.bearer.control;

import dev.oauth2jwt.sessions.control.RefreshTokens;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.tokens.control.TokenVerifier;

import dev.oauth2jwt.bearer.entity.Caller;
import dev.oauth2jwt.bearer.entity.Introspection;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Token introspection (RFC 7662) for consumers that cannot check signatures: an access token is
 * active exactly when {@code /users/me/} (or, for a client's own token, {@code /auth/verify}) would
 * accept it, revocation included; a refresh token when it could be exchanged now, and only to the
 * client it was issued to (a resource server asking about a refresh token someone presented to it
 * as a bearer token learns nothing). Anything else, a disabled user's token included, is inactive.
 * {@code sub} is the account's subject identifier (as in ID tokens), {@code token_type} says which
 * kind of token it is.
 */
@ApplicationScoped
public class TokenIntrospection {

    /** RFC 7662 section 2.1, RFC 7009 section 2.1: which kind to look for first. */
    public enum Hint { ACCESS_TOKEN, REFRESH_TOKEN }

    @Inject
    BearerCheck check;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    TokenSettings settings;

    /**
     * What the token is, asked by an authenticated client; the hint says where to look first, and
     * the other kind is looked for too (RFC 7662 section 2.1: the search extends to every kind).
     */
    public Introspection introspect(String token, Hint hint, String askingClientId) {
        Optional<Introspection> first = hint == Hint.REFRESH_TOKEN ? refreshToken(token, askingClientId) : accessToken(token);
        return first.or(() -> hint == Hint.REFRESH_TOKEN ? accessToken(token) : refreshToken(token, askingClientId))
                .orElse(Introspection.INACTIVE);
    }

    private Optional<Introspection> refreshToken(String token, String askingClientId) {
        return refreshTokens.introspect(token)
                .filter(refresh -> askingClientId.equals(refresh.clientId()))
                .map(refresh -> new Introspection(true, String.join(" ", refresh.scopes()), refresh.clientId(),
                        refresh.user().username(), "refresh_token", refresh.expiresAt() / 1000, refresh.issuedAt() / 1000, null,
                        refresh.user().subject(), null, settings.issuer(), null));
    }

    private Optional<Introspection> accessToken(String token) {
        if (token.length() > TokenVerifier.MAX_TOKEN_CHARS || !TokenVerifier.isCompactJws(token)
                || !(check.resolve(token) instanceof BearerCheck.Resolution.Resolved resolved) || resolved.caller().inactive()) {
            return Optional.empty();
        }
        Caller caller = resolved.caller();
        VerifiedToken verified = caller.token();
        return Optional.of(new Introspection(true, String.join(" ", caller.scopes()), verified.clientId(),
                caller.isClient() ? null : caller.name(), "Bearer", verified.expiresAt(), verified.issuedAt(),
                verified.notBefore() == Long.MIN_VALUE ? null : verified.notBefore(),
                caller.isClient() ? verified.subject() : caller.user().subject(), verified.audiences(),
                verified.issuer(), verified.jwtId()));
    }
}
