package dev.oauth2jwt.grants.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The client credentials grant's form (RFC 6749 section 4.4), for the OpenAPI document; the client
 * authenticates with HTTP Basic or with {@code client_id} and {@code client_secret} here.
 */
@Schema(name = "ClientCredentialsGrantRequest", description = "application/x-www-form-urlencoded")
public record ClientCredentialsGrantRequest(
        @JsonbProperty("grant_type") @Schema(required = true, enumeration = "client_credentials") String grantType,
        @Schema(description = "Space-separated scopes, within the client's; none asks for all of them.") String scope,
        @JsonbProperty("client_id") @Schema(description = "Unless HTTP Basic is used.") String clientId,
        @JsonbProperty("client_secret") @Schema(format = "password", description = "Unless HTTP Basic is used.") String clientSecret) {
}
