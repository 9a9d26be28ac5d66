package dev.oauth2jwt.token.entity;

import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * A bearer token whose signature and claims checked out: who it names, when it counts as issued,
 * its login session ({@code sid}, null in tokens without one, such as a FastAPI service's), both
 * for revocation, and the scopes it carries.
 */
public record VerifiedToken(String raw, JwtClaims claims, String subject, long issuedAt, String sessionId,
                            Set<String> scopes) {
}
