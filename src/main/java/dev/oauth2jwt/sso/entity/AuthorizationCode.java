package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.access.AuthenticationMethods;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Set;

/**
 * An authorization code (RFC 6749 section 4.1), known only as its SHA-256: what it was issued for
 * (client, redirect URI, PKCE challenge, nonce, scopes, the account and its security stamp, the
 * browser login, the claims asked for by name) and, once redeemed, the login session it started.
 * Times are epoch milliseconds.
 */
@Entity
@Table(name = "authorization_codes")
public class AuthorizationCode {

    @Id
    @Column(name = "code_hash", length = 64)
    private String codeHash;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "redirect_uri", nullable = false, length = 2048)
    private String redirectUri;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "security_stamp", nullable = false, length = 32)
    private String securityStamp;

    @Column(name = "sso_session_id", nullable = false, length = 64)
    private String ssoSessionId;

    @Column(name = "scope", nullable = false, length = 1024)
    private String scope;

    @Column(name = "nonce", length = 512)
    private String nonce;

    @Column(name = "code_challenge", length = 128)
    private String codeChallenge;

    @Column(name = "auth_time", nullable = false)
    private long authTime;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "used_at")
    private Long usedAt;

    @Column(name = "login_session_id", length = 36)
    private String loginSessionId;

    @Column(name = "id_token_claims", length = 512)
    private String idTokenClaims;

    @Column(name = "userinfo_claims", length = 512)
    private String userinfoClaims;

    @Column(name = "amr", nullable = false, length = 64)
    private String amr;

    protected AuthorizationCode() {
        // for JPA
    }

    public AuthorizationCode(String codeHash, AuthorizationGrant grant, long createdAt, long expiresAt) {
        this.codeHash = codeHash;
        this.clientId = grant.clientId();
        this.redirectUri = grant.redirectUri();
        this.userId = grant.userId();
        this.securityStamp = grant.securityStamp();
        this.ssoSessionId = grant.ssoSessionId();
        this.scope = String.join(" ", grant.scopes());
        this.nonce = grant.nonce();
        this.codeChallenge = grant.codeChallenge();
        this.authTime = grant.authTime();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.idTokenClaims = String.join(" ", grant.idTokenClaims());
        this.userinfoClaims = String.join(" ", grant.userinfoClaims());
        this.amr = grant.amr().stored();
    }

    /** How the browser login it came from was proven. */
    public AuthenticationMethods amr() {
        return AuthenticationMethods.parse(amr);
    }

    public String codeHash() {
        return codeHash;
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }

    public Long userId() {
        return userId;
    }

    public String securityStamp() {
        return securityStamp;
    }

    public String ssoSessionId() {
        return ssoSessionId;
    }

    public String scope() {
        return scope;
    }

    public String nonce() {
        return nonce;
    }

    public String codeChallenge() {
        return codeChallenge;
    }

    public long authTime() {
        return authTime;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public String loginSessionId() {
        return loginSessionId;
    }

    /** The claims asked for by name in the ID token. */
    public Set<String> idTokenClaims() {
        return names(idTokenClaims);
    }

    /** The claims asked for by name at userinfo. */
    public Set<String> userinfoClaims() {
        return names(userinfoClaims);
    }

    private static Set<String> names(String spaced) {
        return spaced == null || spaced.isEmpty() ? Set.of() : Set.of(spaced.split(" "));
    }
}
