package dev.oauth2jwt.clients.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated partial update: only the fields given change. */
@Schema(name = "ClientUpdate", description = "Only the fields given change.")
public record ClientChanges(@Schema(enumeration = {"me", "items", "admin"}) Set<String> scopes,
                            @JsonbProperty("grant_types") @Schema(enumeration = "client_credentials") Set<String> grantTypes) {
}
