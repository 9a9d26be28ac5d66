package dev.oauth2jwt.token.entity;

import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * A bearer token whose signature and claims checked out: who it names, when it counts as issued
 * (for revocation) and the scopes it carries.
 */
public record VerifiedToken(String raw, JwtClaims claims, String subject, long issuedAt, Set<String> scopes) {
}
