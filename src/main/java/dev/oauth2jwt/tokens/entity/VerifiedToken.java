package dev.oauth2jwt.tokens.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bearer token whose signature and claims checked out: who it names, when it counts as issued,
 * its login session ({@code sid}, null in tokens without one, such as a FastAPI service's), both
 * for revocation, the scopes it carries, the bounds of its validity in epoch seconds, and the client
 * it was issued to ({@code client_id}, null when none). Its claims as parsed JSON (strings,
 * numbers, booleans, lists, maps), so that nothing past the token check needs jose4j.
 *
 * @param audiences its {@code aud}, null when it has none
 * @param issuer its {@code iss}, null when it has none
 * @param jwtId its {@code jti}, null when it has none
 */
public record VerifiedToken(String raw, Map<String, Object> claims, String subject, long issuedAt, String sessionId,
                            Set<String> scopes, long expiresAt, long notBefore, String clientId, List<String> audiences, String issuer,
                            String jwtId) {

    public VerifiedToken {
        claims = java.util.Collections.unmodifiableMap(claims);
    }

    /**
     * A client's token for itself (the client credentials grant): it names the client as its
     * subject and as {@code client_id}, and no user ({@code upn}, which every user's token issued
     * here has); its {@code sid} names the client's secret. So a user and a client of the same
     * name are never taken for each other, and a user's token for a client of the user's own name
     * is still the user's.
     */
    public boolean forClient() {
        return clientId != null && clientId.equals(subject) && !claims.containsKey("upn");
    }
}
