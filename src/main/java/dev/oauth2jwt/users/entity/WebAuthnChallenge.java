package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A WebAuthn challenge handed to a browser, single use: what it is for, whose (null for a
 * passwordless login, whose account the passkey will name) and until when (epoch ms).
 */
@Entity
@Table(name = "webauthn_challenges")
public class WebAuthnChallenge {

    @Id
    @Column(name = "challenge", length = 64)
    private String challenge;

    @Column(name = "purpose", nullable = false, length = 16)
    private String purpose;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected WebAuthnChallenge() {
        // for JPA
    }

    public WebAuthnChallenge(String challenge, String purpose, Long userId, long expiresAt) {
        this.challenge = challenge;
        this.purpose = purpose;
        this.userId = userId;
        this.expiresAt = expiresAt;
    }

    public String purpose() {
        return purpose;
    }

    public Long userId() {
        return userId;
    }

    public long expiresAt() {
        return expiresAt;
    }
}
