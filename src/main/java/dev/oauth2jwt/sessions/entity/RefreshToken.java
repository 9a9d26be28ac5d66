package dev.oauth2jwt.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One refresh token of a login session, known only by the SHA-256 of its value. Times are epoch milliseconds. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "refresh_tokens_id")
    @SequenceGenerator(name = "refresh_tokens_id", sequenceName = "refresh_tokens_id_seq", allocationSize = 1)
    private Long id;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    /** The login session (see {@code LoginSession}): every token rotated from the same login shares it. */
    @Column(name = "family_id", nullable = false, length = 36)
    private String familyId;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    /** The scopes granted at login, space separated: a refresh never grants more. */
    @Column(name = "scope", nullable = false, length = 1024)
    private String scope;

    @Column(name = "issued_at", nullable = false)
    private long issuedAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "used_at")
    private Long usedAt;

    protected RefreshToken() {
        // for JPA
    }

    public RefreshToken(String tokenHash, String familyId, Long userId, String scope, long issuedAt, long expiresAt) {
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.userId = userId;
        this.scope = scope;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public Long id() {
        return id;
    }

    public String familyId() {
        return familyId;
    }

    public Long userId() {
        return userId;
    }

    public String scope() {
        return scope;
    }

    public long issuedAt() {
        return issuedAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    /** When it was exchanged; null while it has not been. */
    public Long usedAt() {
        return usedAt;
    }
}
