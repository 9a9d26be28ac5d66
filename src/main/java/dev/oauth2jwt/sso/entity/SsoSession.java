package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.users.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A browser login (the SSO session): the account and its security stamp as the login page found
 * them, when the user logged in, until when it lasts and whether it was ended. Its id is the SHA-256
 * of the cookie's value, which is known only to the browser. Times are epoch milliseconds.
 */
@Entity
@Table(name = "sso_sessions")
public class SsoSession {

    @Id
    @Column(name = "id", length = 64)
    private String id;

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

    public SsoSession(String id, User user, long authTime, long expiresAt) {
        this.id = id;
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

    /** The user logged in again on the same browser: a new {@code auth_time}, the same lifetime. */
    public void renew(long now) {
        authTime = now;
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
