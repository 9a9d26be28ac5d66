package dev.oauth2jwt.token.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The answer to a successful login (RFC 6749 section 5.1). */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn"})
public record TokenResponse(@JsonbProperty("access_token") String accessToken,
                            @JsonbProperty("token_type") String tokenType,
                            @JsonbProperty("expires_in") long expiresIn) {

    public static TokenResponse bearer(IssuedToken token) {
        return new TokenResponse(token.token(), "bearer", token.expiresInSeconds());
    }
}
