package dev.oauth2jwt.users.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a user may see of an account: the seed's {@code User} model, never the hash. */
@Schema(name = "User", description = "The seed's User model: never the hash.")
@JsonbNillable
@JsonbPropertyOrder({"username", "email", "fullName", "disabled"})
public record UserProfile(@Schema(required = true) String username, @Schema(nullable = true) String email,
                          @Schema(nullable = true) @JsonbNillable @JsonbProperty("full_name") String fullName,
                          boolean disabled) {

    public static UserProfile of(User user) {
        return new UserProfile(user.username(), user.email(), user.fullName(), user.disabled());
    }
}
