package dev.oauth2jwt.users.control;

import java.util.regex.Pattern;

/** What a stored account may hold; every way of creating users checks the same rules. */
public final class UserRules {

    public static final int MAX_USERNAME = 64;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_FULL_NAME = 255;
    public static final String DEFAULT_SCOPES = "me items";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    /** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private UserRules() {
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL && EMAIL.matcher(email).matches();
    }

    public static boolean isValidFullName(String fullName) {
        return fullName != null && fullName.length() <= MAX_FULL_NAME;
    }

    public static boolean isValidScope(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }
}
