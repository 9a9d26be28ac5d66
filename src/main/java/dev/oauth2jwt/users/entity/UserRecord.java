package dev.oauth2jwt.users.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** An account as the admin API shows it: the public fields and the allowed scopes, never the hash. */
@Schema(name = "UserAccount", description = "An account as the admin API shows it: never the hash.")
@JsonbNillable
@JsonbPropertyOrder({"username", "email", "fullName", "disabled", "scopes"})
public record UserRecord(@Schema(required = true) String username, @Schema(nullable = true) String email,
                         @Schema(nullable = true) @JsonbNillable @JsonbProperty("full_name") String fullName,
                         boolean disabled, List<String> scopes) {

    public static UserRecord of(User user) {
        return new UserRecord(user.username(), user.email(), user.fullName(), user.disabled(), List.copyOf(user.scopes()));
    }
}
