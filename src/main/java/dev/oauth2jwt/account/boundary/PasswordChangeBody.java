package dev.oauth2jwt.account.boundary;

import dev.oauth2jwt.http.boundary.JsonFields;
import dev.oauth2jwt.users.control.UserRules;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code {"current_password", "new_password"}}: both required, the new one within the account rules; 422 otherwise. */
record PasswordChangeBody(String currentPassword, String newPassword) {

    static PasswordChangeBody of(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("current_password", "new_password"));
        String current = fields.string("current_password", true, false, true);
        String next = fields.string("new_password", true, false, true);
        Optional<String> problem = next == null ? Optional.empty() : UserRules.passwordProblem(next);
        if (problem.isPresent()) {
            fields.invalid("value_error", "new_password", "Value error, " + problem.get(), null, Map.of("error", problem.get()));
        }
        fields.throwIfInvalid();
        return new PasswordChangeBody(current, next);
    }

    @Override
    public String toString() {
        return "PasswordChangeBody[...]";
    }
}
