package dev.oauth2jwt.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.oauth2jwt.access.AuthenticationMethods;
import dev.oauth2jwt.users.entity.User;
import java.util.Optional;
import java.util.Set;

/**
 * One password login: its refresh tokens (the family rotated from it) and the access tokens that
 * name it in their {@code sid} claim. It records the account's security stamp as the login read
 * it; once the account's stamp has changed (a password change, disabling, log out everywhere), or
 * the session is revoked (refresh-token reuse, {@code POST /revoke}), all its tokens are refused.
 * Times are epoch milliseconds.
 */
@Entity
@Table(name = "login_sessions")
public class LoginSession {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "security_stamp", nullable = false, length = 32)
    private String securityStamp;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    /** The browser login (SSO session) a code started it from; logging out of that ends it. */
    @Column(name = "sso_session_id", length = 64)
    private String ssoSessionId;

    /** The client a code issued it to: only that client may refresh it. */
    @Column(name = "client_id", length = 64)
    private String clientId;

    /** A code's session: when the user logged in at the browser login (epoch ms), for the ID tokens of its refreshes. */
    @Column(name = "auth_time")
    private Long authTime;

    /** A code's session: the claims its client asked for at userinfo, space separated. */
    @Column(name = "userinfo_claims", length = 512)
    private String userinfoClaims;

    /** A code's session: how the browser login was proven (RFC 8176), for the ID tokens of its refreshes. */
    @Column(name = "amr", length = 64)
    private String amr;

    /** A password grant's session: the address it logged in from, for the account page. */
    @Column(name = "address", length = 64)
    private String address;

    protected LoginSession() {
        // for JPA
    }

    public LoginSession(String id, Long userId, String securityStamp, long createdAt) {
        this.id = id;
        this.userId = userId;
        this.securityStamp = securityStamp;
        this.createdAt = createdAt;
    }

    /** A session started by an authorization code, of a browser login and a client. */
    public LoginSession(String id, Long userId, String securityStamp, long createdAt, String ssoSessionId, String clientId,
            long authTime, Set<String> userinfoClaims, AuthenticationMethods amr) {
        this(id, userId, securityStamp, createdAt);
        this.amr = amr.stored();
        this.ssoSessionId = ssoSessionId;
        this.clientId = clientId;
        this.authTime = authTime;
        this.userinfoClaims = String.join(" ", userinfoClaims);
    }

    /** A password login's session, from where. */
    public LoginSession from(String loginAddress) {
        this.address = loginAddress;
        return this;
    }

    public String address() {
        return address;
    }

    public String ssoSessionId() {
        return ssoSessionId;
    }

    /** How its login was proven: a code's from its browser login, else a password. */
    public AuthenticationMethods amr() {
        return AuthenticationMethods.parse(amr);
    }

    public String clientId() {
        return clientId;
    }

    /** Null but for a code's session. */
    public Long authTime() {
        return authTime;
    }

    /** The claims the session's client asked for by name at userinfo (none for a password login). */
    public Set<String> userinfoClaims() {
        return userinfoClaims == null || userinfoClaims.isEmpty() ? Set.of() : Set.of(userinfoClaims.split(" "));
    }

    public String id() {
        return id;
    }

    public Long userId() {
        return userId;
    }

    public String securityStamp() {
        return securityStamp;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Why the session's tokens are refused for this account (as it is now), if they are. */
    public Optional<String> refusal(User user) {
        if (revokedAt != null) {
            return Optional.of("login session revoked");
        }
        if (!userId.equals(user.id())) {
            return Optional.of("login session of another account");
        }
        if (!securityStamp.equals(user.securityStamp())) {
            return Optional.of("revoked: password change, disabling or log out since the login");
        }
        return Optional.empty();
    }
}
