package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.users.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A browser login (the SSO session): the account and its security stamp as the login page found
 * them, when the user logged in, until when it lasts and whether it was ended. Its cookie's value
 * is known only to the browser, here only as its SHA-256, and changes at every login on that
 * browser; its id stays (the login sessions its codes started name it). Times are epoch milliseconds.
 */
@Entity
@Table(name = "sso_sessions")
public class SsoSession {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "cookie_hash", nullable = false, unique = true, length = 64)
    private String cookieHash;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "security_stamp", nullable = false, length = 32)
    private String securityStamp;

    @Column(name = "auth_time", nullable = false)
    private long authTime;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "ended_at")
    private Long endedAt;

    protected SsoSession() {
        // for JPA
    }

    public SsoSession(String id, String cookieHash, User user, long authTime, long expiresAt) {
        this.id = id;
        this.cookieHash = cookieHash;
        this.userId = user.id();
        this.securityStamp = user.securityStamp();
        this.authTime = authTime;
        this.expiresAt = expiresAt;
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

    public long authTime() {
        return authTime;
    }

    public long expiresAt() {
        return expiresAt;
    }

    /**
     * The user logged in again on the same browser: a new {@code auth_time} and a new cookie (one
     * captured before must not carry the fresh login), the same lifetime.
     */
    public void renew(long now, String newCookieHash) {
        authTime = now;
        cookieHash = newCookieHash;
    }

    public void end(long now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    /** Whether it still stands for this account (as it is now) at {@code now}. */
    public boolean validFor(User user, long now) {
        return endedAt == null && now < expiresAt && user != null && userId.equals(user.id()) && !user.disabled()
                && securityStamp.equals(user.securityStamp());
    }
}
