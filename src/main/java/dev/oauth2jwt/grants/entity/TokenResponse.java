package dev.oauth2jwt.grants.entity;

import dev.oauth2jwt.tokens.entity.IssuedToken;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to a successful grant (RFC 6749 section 5.1): the seed's three fields, then the
 * refresh token, the granted scopes and, for OpenID Connect, the ID token.
 */
@Schema(name = "Token", description = "A successful grant (RFC 6749 section 5.1).")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"accessToken", "access_token", "tokenType", "token_type", "expiresIn", "expires_in", "refreshToken", "refresh_token", "scope",
        "idToken", "id_token"})
public record TokenResponse(@JsonbProperty("access_token") String accessToken,
                            @JsonbProperty("token_type") String tokenType,
                            @JsonbProperty("expires_in") long expiresIn,
                            @JsonbProperty("refresh_token") String refreshToken,
                            String scope,
                            @JsonbProperty("id_token") @Schema(description = "OpenID Connect: for scope=openid at the "
                                    + "authorization code grant.") String idToken) {

    public static TokenResponse bearer(IssuedToken token, String refreshToken) {
        return withIdToken(token, refreshToken, null);
    }

    public static TokenResponse withIdToken(IssuedToken token, String refreshToken, String idToken) {
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds(), refreshToken,
                String.join(" ", token.scopes()), idToken);
    }
}
