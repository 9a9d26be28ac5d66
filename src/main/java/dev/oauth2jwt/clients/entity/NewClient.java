package dev.oauth2jwt.clients.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated request to register a client; the server makes its secret. */
@Schema(name = "ClientCreate", description = "The server makes the secret and shows it once.")
public record NewClient(@JsonbProperty("client_id") @Schema(required = true, pattern = Client.ID_PATTERN) String clientId,
                        @Schema(enumeration = {"me", "items", "admin"}, description = "What its tokens may carry; default none.")
                        Set<String> scopes,
                        @JsonbProperty("grant_types") @Schema(enumeration = "client_credentials",
                                defaultValue = "[\"client_credentials\"]") Set<String> grantTypes) {
}
