package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.users.entity.User;

/**
 * A browser's standing login: its session's id, the account (as it is now), when the user logged
 * in and until when the login lasts (epoch ms), and how the login was proven.
 */
public record BrowserLogin(String sessionId, User user, long authTime, long expiresAt, AuthenticationMethods amr) {
}
