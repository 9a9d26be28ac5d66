package dev.oauth2jwt.users.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.json.StrictJson;
import dev.oauth2jwt.users.entity.User;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a users file in the shape of the seed's {@code fake_users_db}: an object keyed by username,
 * each entry with {@code username}, {@code full_name}, {@code email}, {@code hashed_password},
 * {@code disabled} and optionally {@code scopes} and {@code email_verified}. Every entry is checked before anything is
 * returned, so a bad file imports nothing. Hashes are checked with the caller's rule (the
 * configured bcrypt cost bounds them), given as a function naming the problem with a hash, if any.
 */
public final class UsersFile {

    private static final Set<String> FIELDS = Set.of("username", "full_name", "email", "hashed_password", "disabled", "scopes",
            "email_verified");

    private UsersFile() {
    }

    public static List<User> read(Path file, Function<String, Optional<String>> hashProblem) {
        String name = "USERS_IMPORT_FILE '" + file.toAbsolutePath() + "'";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsersFileException(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UsersFileException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UsersFileException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(text, name, hashProblem);
    }

    static List<User> parse(String text, String name, Function<String, Optional<String>> hashProblem) {
        JsonValue document;
        try {
            document = StrictJson.read(text);
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw new UsersFileException(name + ": not valid JSON at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber() + ": " + e.getMessage());
        } catch (JsonException e) {
            throw new UsersFileException(name + ": not valid JSON: " + e.getMessage());
        }
        if (!(document instanceof JsonObject users)) {
            throw new UsersFileException(name + ": must be a JSON object keyed by username, like fake_users_db");
        }
        List<User> result = new ArrayList<>();
        users.forEach((key, entry) -> result.add(entry(key, entry, name + ": entry \"" + key + "\"", hashProblem)));
        return result;
    }

    private static User entry(String key, JsonValue value, String where, Function<String, Optional<String>> hashProblem) {
        if (!(value instanceof JsonObject entry)) {
            throw new UsersFileException(where + ": must be a JSON object");
        }
        for (String field : entry.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new UsersFileException(where + ": unknown field \"" + field + "\" (known: "
                        + String.join(", ", new TreeSet<>(FIELDS)) + ")");
            }
        }
        String username = requiredString(entry, "username", where);
        if (!username.equals(key)) {
            throw new UsersFileException(where + ": \"username\" is \"" + username + "\", it must equal the entry's key");
        }
        if (!UserRules.isValidUsername(username)) {
            throw new UsersFileException(where + ": " + UserRules.reservedUsernameProblem(username).orElse(
                    "the username must be 1 to " + UserRules.MAX_USERNAME + " letters, digits or . _ @ -"));
        }
        String hash = requiredString(entry, "hashed_password", where);
        hashProblem.apply(hash).ifPresent(problem -> {
            throw new UsersFileException(where + ": \"hashed_password\" " + problem);
        });
        String email = optionalString(entry, "email", where);
        if (email != null && !UserRules.isValidEmail(email)) {
            throw new UsersFileException(where + ": \"email\" is not an email address");
        }
        String fullName = optionalString(entry, "full_name", where);
        if (fullName != null && !UserRules.isValidFullName(fullName)) {
            throw new UsersFileException(where + ": \"full_name\" is longer than " + UserRules.MAX_FULL_NAME + " characters");
        }
        User user = new User(username, email, fullName, hash, flag(entry, "disabled", where), scopes(entry, where));
        user.setEmailVerified(email != null && flag(entry, "email_verified", where));
        return user;
    }

    private static String requiredString(JsonObject entry, String field, String where) {
        String value = optionalString(entry, field, where);
        if (value == null) {
            throw new UsersFileException(where + ": \"" + field + "\" is required");
        }
        return value;
    }

    private static String optionalString(JsonObject entry, String field, String where) {
        JsonValue value = entry.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString text && text.getString().indexOf('\0') >= 0) {
            throw new UsersFileException(where + ": \"" + field + "\" contains a NUL character");
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new UsersFileException(where + ": \"" + field + "\" must be a string or null");
    }

    private static boolean flag(JsonObject entry, String field, String where) {
        JsonValue value = entry.get(field);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new UsersFileException(where + ": \"" + field + "\" must be true, false or null");
    }

    private static Set<String> scopes(JsonObject entry, String where) {
        JsonValue value = entry.get("scopes");
        if (value == null || value == JsonValue.NULL) {
            return Scope.DEFAULTS;
        }
        if (!(value instanceof JsonArray list)) {
            throw new UsersFileException(where + ": \"scopes\" must be a list of strings");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonString scope) || !Scope.isKnown(scope.getString())) {
                throw new UsersFileException(where + ": \"scopes\" must be a list of known scopes ("
                        + String.join(", ", Scope.names()) + ")");
            }
            scopes.add(scope.getString());
        }
        return scopes;
    }
}
