package dev.oauth2jwt.grants.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The password grant's form, as FastAPI's {@code OAuth2PasswordRequestForm}, for the OpenAPI
 * document; {@code token.boundary.PasswordGrantForm} reads it (a test keeps the two in step).
 */
@Schema(name = "PasswordGrantRequest", description = "application/x-www-form-urlencoded")
public record PasswordGrantRequest(
        @JsonbProperty("grant_type") @Schema(pattern = "^password$", description = "Optional; when given, exactly 'password'.")
        String grantType,
        @Schema(required = true) String username,
        @Schema(required = true, format = "password") String password,
        @Schema(defaultValue = "", description = "Space-separated scopes; none asks for the user's defaults.") String scope,
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("client_secret") @Schema(format = "password") String clientSecret) {
}
