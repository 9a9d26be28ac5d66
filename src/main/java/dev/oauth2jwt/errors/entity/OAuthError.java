package dev.oauth2jwt.errors.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error of the token endpoint in RFC 6749's shape (section 5.2), e.g. {@code {"error":"invalid_grant"}},
 * with an {@code error_description} for a person where one helps (none is written when null).
 */
@Schema(name = "OAuthError")
public record OAuthError(@Schema(required = true, enumeration = {"invalid_grant", "invalid_request", "invalid_client", "unauthorized_client",
        "invalid_scope", "unsupported_grant_type", "temporarily_unavailable"}) String error,
        @JsonbProperty("error_description") String errorDescription) {

    public OAuthError(String error) {
        this(error, null);
    }
}
