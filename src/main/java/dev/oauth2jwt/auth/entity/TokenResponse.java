package dev.oauth2jwt.auth.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to a successful grant (RFC 6749 section 5.1): the seed's three fields, then the
 * refresh token and the granted scopes.
 */
@Schema(name = "Token", description = "A successful grant (RFC 6749 section 5.1).")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"accessToken", "access_token", "tokenType", "token_type", "expiresIn", "expires_in", "refreshToken", "refresh_token", "scope"})
public record TokenResponse(@JsonbProperty("access_token") String accessToken,
                            @JsonbProperty("token_type") String tokenType,
                            @JsonbProperty("expires_in") long expiresIn,
                            @JsonbProperty("refresh_token") String refreshToken,
                            String scope) {

    public static TokenResponse bearer(IssuedToken token, String refreshToken) {
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds(), refreshToken,
                String.join(" ", token.scopes()));
    }
}
