package dev.oauth2jwt.sso.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A login page's password step done, its second step not yet: known only by the SHA-256 of the
 * random value the browser's form carries. It names the account and its security stamp as the
 * password step read them (a revocation meanwhile ends it), the name the throttle counts under,
 * how long it lasts and how many wrong codes it took; for a person who must enrol first, the
 * authenticator-app secret offered. Times are epoch milliseconds.
 */
@Entity
@Table(name = "pending_logins")
public class PendingLogin {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "security_stamp", nullable = false, length = 32)
    private String securityStamp;

    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "enrol_secret", length = 128)
    private String enrolSecret;

    protected PendingLogin() {
        // for JPA
    }

    public PendingLogin(String tokenHash, Long userId, String securityStamp, String username, long createdAt, long expiresAt,
            String enrolSecret) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.securityStamp = securityStamp;
        this.username = username;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.enrolSecret = enrolSecret;
    }

    public Long userId() {
        return userId;
    }

    public String securityStamp() {
        return securityStamp;
    }

    /** The name as the throttle counts it. */
    public String username() {
        return username;
    }

    /** Null unless the person must enrol an authenticator app before the login completes. */
    public String enrolSecret() {
        return enrolSecret;
    }

    public boolean enrols() {
        return enrolSecret != null;
    }

    public int failures() {
        return failures;
    }

    public boolean usableAt(long now, int maxFailures) {
        return now < expiresAt && failures < maxFailures;
    }

    public void failed() {
        failures++;
    }
}
