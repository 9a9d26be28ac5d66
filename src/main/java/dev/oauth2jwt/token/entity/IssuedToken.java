package dev.oauth2jwt.token.entity;

/** A signed access token and how many seconds it stays valid. */
public record IssuedToken(String token, long expiresInSeconds) {
}
