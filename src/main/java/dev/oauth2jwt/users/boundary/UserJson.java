package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.http.boundary.JsonFields;
import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.users.control.UserRules;
import dev.oauth2jwt.users.entity.NewUser;
import dev.oauth2jwt.users.entity.UserChanges;
import jakarta.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The admin and self-service JSON bodies, validated with the account rules; 422 for anything off. */
final class UserJson {


    private UserJson() {
    }

    /** A new account; {@code hashProblem} says why an imported hash is refused, if it is. */
    static NewUser newUser(JsonObject body, Function<String, Optional<String>> hashProblem) {
        JsonFields fields = new JsonFields(body, Set.of("username", "password", "hashed_password", "email", "email_verified",
                "full_name", "disabled", "scopes"));
        String username = fields.string("username", true, false, false);
        if (username != null && !UserRules.isValidUsername(username)) {
            Optional<String> reserved = UserRules.reservedUsernameProblem(username);
            if (reserved.isPresent()) {
                fields.invalid("value_error", "username", "Value error, " + reserved.get(), username,
                        Map.of("error", reserved.get()));
            } else {
                fields.invalid("string_pattern_mismatch", "username", "String should match pattern '" + UserRules.USERNAME_PATTERN
                        + "'", username, Map.of("pattern", UserRules.USERNAME_PATTERN));
            }
        }
        String password = null;
        String hashed = null;
        if (fields.has("password") == fields.has("hashed_password")) {
            fields.invalid("value_error", "password", "Value error, give either password or hashed_password", null,
                    Map.of("error", "give either password or hashed_password"));
        } else if (fields.has("password")) {
            password = password(fields, "password");
        } else {
            hashed = fields.string("hashed_password", true, false, true);
            Optional<String> problem = hashed == null ? Optional.empty() : hashProblem.apply(hashed);
            if (problem.isPresent()) {
                String error = "hashed_password " + problem.get();
                fields.invalid("value_error", "hashed_password", "Value error, " + error, null, Map.of("error", error));
                hashed = null;
            }
        }
        String email = email(fields);
        Boolean emailVerified = emailVerified(fields, email, true);
        String fullName = fullName(fields);
        Boolean disabled = fields.bool("disabled");
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        fields.throwIfInvalid();
        return new NewUser(username, password, hashed, email, Boolean.TRUE.equals(emailVerified), fullName, Boolean.TRUE.equals(disabled),
                scopes == null ? new LinkedHashSet<>(Scope.DEFAULTS) : scopes);
    }

    static UserChanges changes(JsonObject body) {
        JsonFields fields = new JsonFields(body, Set.of("email", "email_verified", "full_name", "disabled", "scopes", "password"));
        String email = email(fields);
        Boolean emailVerified = emailVerified(fields, email, fields.has("email"));
        String fullName = fullName(fields);
        Boolean disabled = fields.bool("disabled");
        Set<String> scopes = fields.oneOfEach("scopes", Scope.names());
        String password = fields.has("password") ? password(fields, "password") : null;
        fields.throwIfInvalid();
        return new UserChanges(Set.copyOf(body.keySet()), email, emailVerified, fullName, disabled, scopes, password);
    }

    /** A new password field, checked with the account rules; null (and a 422 entry) when absent or unacceptable. */
    private static String password(JsonFields fields, String name) {
        String password = fields.string(name, true, false, true);
        if (password == null) {
            return null;
        }
        Optional<String> problem = UserRules.passwordProblem(password);
        if (problem.isPresent()) {
            fields.invalid("value_error", name, "Value error, " + problem.get(), null, Map.of("error", problem.get()));
            return null;
        }
        return password;
    }

    private static String email(JsonFields fields) {
        String email = fields.string("email", false, true, false);
        if (email != null && !UserRules.isValidEmail(email)) {
            fields.invalid("value_error", "email", "value is not a valid email address", email, null);
        }
        return email;
    }

    /** {@code email_verified}: a boolean, and never true beside an address given as null (there is nothing to verify). */
    private static Boolean emailVerified(JsonFields fields, String email, boolean emailGiven) {
        Boolean verified = fields.bool("email_verified");
        if (Boolean.TRUE.equals(verified) && emailGiven && email == null) {
            fields.invalid("value_error", "email_verified", "Value error, an email address that is null cannot be verified", true,
                    Map.of("error", "an email address that is null cannot be verified"));
        }
        return verified;
    }

    private static String fullName(JsonFields fields) {
        String fullName = fields.string("full_name", false, true, false);
        if (fullName != null && !UserRules.isValidFullName(fullName)) {
            fields.invalid("string_too_long", "full_name", "String should have at most " + UserRules.MAX_FULL_NAME
                    + " characters", fullName, Map.of("max_length", UserRules.MAX_FULL_NAME));
        }
        return fullName;
    }
}
