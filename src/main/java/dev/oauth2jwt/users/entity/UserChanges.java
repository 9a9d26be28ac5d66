package dev.oauth2jwt.users.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated partial update: only the fields named in {@code present} change, to the values here
 * (null clears {@code email} and {@code full_name}).
 */
@Schema(name = "UserUpdate", description = "Only the fields given change; null clears email and full_name.")
public record UserChanges(@Schema(hidden = true) Set<String> present,
                          @Schema(format = "email") String email,
                          @JsonbProperty("email_verified") @Schema(description = "false when email changes without it.")
                          Boolean emailVerified,
                          @JsonbProperty("full_name") String fullName,
                          Boolean disabled,
                          @Schema(enumeration = {"me", "items", "admin"}) Set<String> scopes,
                          @Schema(format = "password", description = "8 to 72 bytes in UTF-8; revokes the user's tokens.")
                          String password) {

    public boolean has(String field) {
        return present.contains(field);
    }

    @Override
    public String toString() {
        return "UserChanges" + present;
    }
}
