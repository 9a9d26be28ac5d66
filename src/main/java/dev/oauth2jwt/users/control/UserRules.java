package dev.oauth2jwt.users.control;

import java.util.regex.Pattern;

/** What a stored account may hold; every way of creating users checks the same rules. */
public final class UserRules {

    public static final int MAX_USERNAME = 64;
    public static final int MAX_EMAIL = 320;
    public static final int MAX_FULL_NAME = 255;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private UserRules() {
    }

    /** 1 to 64 letters, digits or {@code . _ @ -}; never "me", which names the caller in /users/me/. */
    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches() && !"me".equals(username);
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL && EMAIL.matcher(email).matches();
    }

    public static boolean isValidFullName(String fullName) {
        return fullName != null && fullName.length() <= MAX_FULL_NAME;
    }

}
