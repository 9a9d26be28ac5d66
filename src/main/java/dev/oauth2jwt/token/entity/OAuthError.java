package dev.oauth2jwt.token.entity;

/** An error of the token endpoint in RFC 6749's shape (section 5.2), e.g. {@code {"error":"invalid_grant"}}. */
public record OAuthError(String error) {
}
