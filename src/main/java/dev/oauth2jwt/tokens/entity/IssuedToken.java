package dev.oauth2jwt.tokens.entity;

import java.util.Set;

/** A signed access token, how many seconds it stays valid, and the scopes it grants. */
public record IssuedToken(String token, long expiresInSeconds, Set<String> scopes) {
}
