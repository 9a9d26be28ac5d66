package dev.oauth2jwt.users.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a user may see of an account: the seed's {@code User} model, never the hash. */
@Schema(name = "User", description = "The seed's User model: never the hash.")
// @JsonbNillable is JSON-B 3's way; Johnzon (JSON-B 2, TomEE) skips a renamed null without nillable
@JsonbNillable
@SuppressWarnings("deprecation")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"username", "email", "fullName", "full_name", "disabled"})
public record UserProfile(@Schema(required = true) String username, @Schema(nullable = true) String email,
                          @Schema(nullable = true) @JsonbProperty(value = "full_name", nillable = true) String fullName,
                          boolean disabled) {

    public static UserProfile of(User user) {
        return new UserProfile(user.username(), user.email(), user.fullName(), user.disabled());
    }
}
