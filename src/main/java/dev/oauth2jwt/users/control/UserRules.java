package dev.oauth2jwt.users.control;

import dev.oauth2jwt.users.entity.User;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a stored account may hold; every way of creating or changing users (the admin API, the
 * users file, a user's own password change) checks these same rules.
 */
public final class UserRules {

    public static final int MAX_USERNAME = 64;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_FULL_NAME = 255;
    public static final int MIN_PASSWORD_BYTES = 8;
    public static final String USERNAME_PATTERN = User.USERNAME_PATTERN;

    private static final Pattern USERNAME = Pattern.compile(USERNAME_PATTERN);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private UserRules() {
    }

    /**
     * Names that fit the pattern but cannot be an account: "me" names the caller in /users/me/, and a
     * URL path normaliser turns /users/. and /users/.. into other paths.
     */
    private static final Set<String> RESERVED = Set.of("me", ".", "..");

    /** 1 to 64 letters, digits or {@code . _ @ -}; none of the reserved names. */
    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches() && !RESERVED.contains(username);
    }

    /** Why a username that fits the pattern is reserved, if it is. */
    public static Optional<String> reservedUsernameProblem(String username) {
        if ("me".equals(username)) {
            return Optional.of("'me' is reserved");
        }
        if (RESERVED.contains(username)) {
            return Optional.of("'" + username + "' is not a username: a URL path cannot name it");
        }
        return Optional.empty();
    }

    /** What makes a new password unacceptable, if anything: too short, or unusable with bcrypt. */
    public static Optional<String> passwordProblem(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length < MIN_PASSWORD_BYTES) {
            return Optional.of("the password must be at least " + MIN_PASSWORD_BYTES + " bytes long");
        }
        return PasswordHasher.problem(password);
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL && EMAIL.matcher(email).matches();
    }

    public static boolean isValidFullName(String fullName) {
        return fullName != null && fullName.length() <= MAX_FULL_NAME;
    }

}
