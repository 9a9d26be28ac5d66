package dev.oauth2jwt.sessions.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 7009's revocation form, for the OpenAPI document. */
@Schema(name = "RevokeRequest", description = "application/x-www-form-urlencoded")
public record RevokeRequest(
        @Schema(required = true, format = "password", description = "A refresh token.") String token,
        @JsonbProperty("token_type_hint") String tokenTypeHint) {
}
