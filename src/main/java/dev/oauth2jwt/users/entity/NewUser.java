package dev.oauth2jwt.users.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A validated request to create an account: a password to hash, or an existing hash to import. */
@Schema(name = "UserCreate", description = "Give either password or hashed_password.")
public record NewUser(
        @Schema(required = true, pattern = User.USERNAME_PATTERN) String username,
        @Schema(format = "password", description = "8 to 72 bytes in UTF-8.") String password,
        @JsonbProperty("hashed_password") @Schema(description = "An existing bcrypt or Django pbkdf2_sha256 hash to import.")
        String hashedPassword,
        @Schema(format = "email") String email,
        @JsonbProperty("email_verified") @Schema(defaultValue = "false", description = "Whether the address is known to be the user's.")
        boolean emailVerified,
        @JsonbProperty("full_name") String fullName,
        @Schema(defaultValue = "false") boolean disabled,
        @Schema(enumeration = {"me", "items", "admin"}, defaultValue = "[\"me\", \"items\"]") Set<String> scopes) {

    @Override
    public String toString() {
        return "NewUser[" + username + "]";
    }
}
