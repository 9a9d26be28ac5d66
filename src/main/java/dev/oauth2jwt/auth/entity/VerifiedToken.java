package dev.oauth2jwt.auth.entity;

import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * A bearer token whose signature and claims checked out: who it names, when it counts as issued,
 * its login session ({@code sid}, null in tokens without one, such as a FastAPI service's), both
 * for revocation, the scopes it carries, and the bounds of its validity in epoch seconds.
 */
public record VerifiedToken(String raw, JwtClaims claims, String subject, long issuedAt, String sessionId,
                            Set<String> scopes, long expiresAt, long notBefore) {
}
