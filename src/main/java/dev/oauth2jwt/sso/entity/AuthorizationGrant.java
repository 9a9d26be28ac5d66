package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.access.AuthenticationMethods;
import java.util.Set;

/**
 * What a user consented to at {@code /authorize}, to be handed to a client as a code: the client and
 * the exact redirect URI, the account as the browser login knows it, the granted scopes, the
 * client's nonce and PKCE challenge (S256; null when the client is allowed none), the login's time
 * (epoch milliseconds), the claims asked for by name for the ID token and for userinfo (OpenID
 * Connect Core 5.5), until when the browser login lasts (no code outlives it), and how it was proven.
 */
public record AuthorizationGrant(String clientId, String redirectUri, Long userId, String securityStamp, String ssoSessionId,
                                 Set<String> scopes, String nonce, String codeChallenge, long authTime,
                                 Set<String> idTokenClaims, Set<String> userinfoClaims, long loginExpiresAt,
                                 AuthenticationMethods amr) {
}
