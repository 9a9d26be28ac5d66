package dev.oauth2jwt.architecture.planted.access;

import dev.oauth2jwt.architecture.planted.users.entity.Account;

/** Planted for ArchitectureTest: the scope vocabulary depending on a user class. */
public class Leaky {
    boolean admin(Account account) {
        return "admin".equals(account.name());
    }
}
