package dev.oauth2jwt.users.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** An account as the admin API shows it: the public fields and the allowed scopes, never the hash. */
@Schema(name = "UserAccount", description = "An account as the admin API shows it: never the hash.")
// @JsonbNillable is JSON-B 3's way; Johnzon (JSON-B 2, TomEE) skips a renamed null without nillable
@JsonbNillable
@SuppressWarnings("deprecation")
// Java and JSON names: JSON-B 3 (Yasson) orders by the first, Johnzon (TomEE) by the second
@JsonbPropertyOrder({"username", "id", "email", "emailVerified", "email_verified", "fullName", "full_name", "disabled", "scopes", "source", "mfa"})
public record UserRecord(@Schema(required = true) String username,
                         @Schema(required = true, description = "The subject identifier: the sub of ID tokens, never reassigned.")
                         String id,
                         @Schema(nullable = true) String email,
                         @JsonbProperty("email_verified") boolean emailVerified,
                         @Schema(nullable = true) @JsonbProperty(value = "full_name", nillable = true) String fullName,
                         boolean disabled, List<String> scopes,
                         @Schema(required = true, enumeration = {"local", "directory"}, description = "Where the account "
                                 + "lives: local (made here) or directory (an LDAP or Active Directory entry's: its password, "
                                 + "profile and scopes are the directory's)")
                         String source,
                         @Schema(required = true, description = "Whether the person enrolled a second factor (an "
                                 + "authenticator app): their logins at the login page take a second step.")
                         boolean mfa) {

    public static UserRecord of(User user, boolean mfa) {
        return new UserRecord(user.username(), user.subject(), user.email(), user.emailVerified(), user.fullName(), user.disabled(),
                List.copyOf(user.scopes()), user.fromDirectory() ? "directory" : "local", mfa);
    }
}
