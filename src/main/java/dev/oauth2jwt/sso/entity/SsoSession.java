package dev.oauth2jwt.sso.entity;

import dev.oauth2jwt.access.AuthenticationMethods;
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

    /** How the login was proven (RFC 8176), space separated. */
    @Column(name = "amr", nullable = false, length = 64)
    private String amr;

    /** Where the browser logged in from, for the account page. */
    @Column(name = "address", length = 64)
    private String address;

    @Column(name = "user_agent", length = 256)
    private String userAgent;

    protected SsoSession() {
        // for JPA
    }

    public SsoSession(String id, String cookieHash, User user, long authTime, long expiresAt, AuthenticationMethods amr,
            String address, String userAgent) {
        this.id = id;
        this.cookieHash = cookieHash;
        this.userId = user.id();
        this.securityStamp = user.securityStamp();
        this.authTime = authTime;
        this.expiresAt = expiresAt;
        this.amr = amr.stored();
        this.address = address;
        this.userAgent = userAgent == null || userAgent.length() <= 256 ? userAgent : userAgent.substring(0, 256);
    }

    public AuthenticationMethods amr() {
        return AuthenticationMethods.parse(amr);
    }

    public String address() {
        return address;
    }

    public String userAgent() {
        return userAgent;
    }

    public boolean ended() {
        return endedAt != null;
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
    public void renew(long now, String newCookieHash, AuthenticationMethods proven, String from) {
        authTime = now;
        cookieHash = newCookieHash;
        amr = proven.stored();
        address = from;
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
