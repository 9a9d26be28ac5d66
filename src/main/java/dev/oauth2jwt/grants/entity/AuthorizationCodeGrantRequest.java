package dev.oauth2jwt.grants.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The authorization code grant's form (RFC 6749 section 4.1.3, RFC 7636 section 4.5), for the
 * OpenAPI document: a public client names itself, a confidential one authenticates.
 */
@Schema(name = "AuthorizationCodeGrantRequest", description = "application/x-www-form-urlencoded")
public record AuthorizationCodeGrantRequest(
        @JsonbProperty("grant_type") @Schema(required = true, enumeration = "authorization_code") String grantType,
        @Schema(required = true, description = "From the redirect; valid 60 seconds, once.") String code,
        @JsonbProperty("redirect_uri") @Schema(required = true, description = "Exactly as in the authorization request.")
        String redirectUri,
        @JsonbProperty("code_verifier") @Schema(description = "The PKCE verifier of the code_challenge (S256).") String codeVerifier,
        @JsonbProperty("client_id") @Schema(description = "Unless HTTP Basic is used.") String clientId,
        @JsonbProperty("client_secret") @Schema(format = "password", description = "A confidential client's, unless HTTP Basic "
                + "is used.") String clientSecret) {
}
