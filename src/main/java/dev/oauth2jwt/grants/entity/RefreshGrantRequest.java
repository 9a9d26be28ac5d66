package dev.oauth2jwt.grants.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The refresh grant's form (RFC 6749 section 6), for the OpenAPI document. */
@Schema(name = "RefreshGrantRequest", description = "application/x-www-form-urlencoded")
public record RefreshGrantRequest(
        @JsonbProperty("grant_type") @Schema(required = true, enumeration = "refresh_token") String grantType,
        @JsonbProperty("refresh_token") @Schema(required = true, format = "password") String refreshToken,
        @Schema(description = "Space-separated scopes, within those of the original grant.") String scope) {
}
