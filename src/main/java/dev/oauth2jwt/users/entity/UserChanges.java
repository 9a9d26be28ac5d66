package dev.oauth2jwt.users.entity;

import java.util.Set;

/**
 * A validated partial update: only the fields named in {@code present} change, to the values here
 * (null clears {@code email} and {@code full_name}).
 */
public record UserChanges(Set<String> present, String email, String fullName, Boolean disabled, Set<String> scopes,
                          String password) {

    public boolean has(String field) {
        return present.contains(field);
    }

    @Override
    public String toString() {
        return "UserChanges" + present;
    }
}
