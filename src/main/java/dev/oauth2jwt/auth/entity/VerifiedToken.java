package dev.oauth2jwt.auth.entity;

import java.util.Set;
import org.jose4j.jwt.JwtClaims;

/**
 * A bearer token whose signature and claims checked out: who it names, when it counts as issued,
 * its login session ({@code sid}, null in tokens without one, such as a FastAPI service's), both
 * for revocation, the scopes it carries, the bounds of its validity in epoch seconds, and the client
 * it was issued to ({@code client_id}, null when none).
 */
public record VerifiedToken(String raw, JwtClaims claims, String subject, long issuedAt, String sessionId,
                            Set<String> scopes, long expiresAt, long notBefore, String clientId) {

    /**
     * A client's token for itself (the client credentials grant): it names the client as its
     * subject and as {@code client_id}, and no user ({@code upn}, which every user's token issued
     * here has); its {@code sid} names the client's secret. So a user and a client of the same
     * name are never taken for each other, and a user's token for a client of the user's own name
     * is still the user's.
     */
    public boolean forClient() {
        return clientId != null && clientId.equals(subject) && !claims.hasClaim("upn");
    }
}
