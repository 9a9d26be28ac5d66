package dev.oauth2jwt.users.control;

import java.util.List;

/** An administrator changed what a directory account takes from the directory (password, profile, scopes): not here. */
public class DirectoryAccountException extends RuntimeException {

    private final List<String> fields;

    public DirectoryAccountException(String username, List<String> fields) {
        super("'" + username + "' is a directory account: " + String.join(", ", fields) + (fields.size() == 1 ? " comes" : " come")
                + " from the directory and " + (fields.size() == 1 ? "is" : "are") + " changed there; here only disabled can be",
                null, false, false);
        this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
        return fields;
    }
}
