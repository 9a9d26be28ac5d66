package dev.oauth2jwt.users.entity;

import java.util.Set;

/** A validated request to create an account: a password to hash, or an existing hash to import. */
public record NewUser(String username, String password, String hashedPassword, String email, String fullName,
                      boolean disabled, Set<String> scopes) {

    @Override
    public String toString() {
        return "NewUser[" + username + "]";
    }
}
