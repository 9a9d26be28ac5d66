package dev.oauth2jwt.grants.control;

import dev.oauth2jwt.clients.control.ClientAuthenticator.Identification;
import dev.oauth2jwt.tokens.entity.IssuedToken;
import java.util.Optional;

/** What {@code POST /token} answers a grant; the endpoint only translates it to HTTP. */
public sealed interface GrantResult {

    /** Tokens, answered no sooner than {@code slowdownMillis} after the request arrived (a username under attack). */
    record Granted(IssuedToken accessToken, String refreshToken, String idToken, long slowdownMillis) implements GrantResult {
    }

    /** An error of RFC 6749 section 5.2 ({@code 400}; {@code invalid_client} is {@code 401} with the Basic challenge). */
    record Error(String error) implements GrantResult {
    }

    /** FastAPI's refusal of a password login: {@code 401 {"detail":"Incorrect username or password"}}, not sooner than {@code slowdownMillis}. */
    record WrongPassword(long slowdownMillis) implements GrantResult {
    }

    /**
     * The right password of an account that must prove a second factor, which this grant cannot ask
     * for: {@code 400 invalid_grant} saying to use the login page, no sooner than {@code slowdownMillis}.
     */
    record SecondFactorRequired(long slowdownMillis) implements GrantResult {
    }

    /** Too many failures from this address (or for this client or username from it): {@code 429} with {@code Retry-After}. */
    record Throttled(long retryAfterSeconds) implements GrantResult {
    }

    /** The user directory the grant must ask cannot answer now: {@code 503 temporarily_unavailable}; nothing was spent. */
    record Unavailable() implements GrantResult {
    }

    static Error error(String error) {
        return new Error(error);
    }

    /**
     * The refusal a grant that needs a client gives one the request could not identify: throttled,
     * malformed ({@code invalid_request}), or refused ({@code invalid_client}); none when it may go on.
     */
    static Optional<GrantResult> refusalOf(Identification client) {
        if (client instanceof Identification.Throttled throttled) {
            return Optional.of(new Throttled(throttled.retryAfterSeconds()));
        }
        return client.error().map(Error::new);
    }
}
