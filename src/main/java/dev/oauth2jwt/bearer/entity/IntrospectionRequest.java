package dev.oauth2jwt.bearer.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7662's introspection form, for the OpenAPI document; the client authenticates as at /token. */
@Schema(name = "IntrospectionRequest", description = "application/x-www-form-urlencoded")
public record IntrospectionRequest(
        @Schema(required = true, format = "password", description = "An access token or a refresh token.") String token,
        @JsonbProperty("token_type_hint") @Schema(enumeration = {"access_token", "refresh_token"}) String tokenTypeHint,
        @JsonbProperty("client_id") @Schema(description = "Unless HTTP Basic is used.") String clientId,
        @JsonbProperty("client_secret") @Schema(format = "password", description = "Unless HTTP Basic is used.") String clientSecret) {
}
