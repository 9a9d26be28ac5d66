package dev.oauth2jwt.account.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /users/me/password}'s body, for the OpenAPI document. */
@Schema(name = "PasswordChange")
public record PasswordChangeRequest(
        @JsonbProperty("current_password") @Schema(required = true, format = "password") String currentPassword,
        @JsonbProperty("new_password") @Schema(required = true, format = "password",
                description = "8 to 72 bytes in UTF-8.") String newPassword) {
}
