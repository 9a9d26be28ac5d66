package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One single-use recovery code of a person, known only as its SHA-256; spent once used. Times are epoch ms. */
@Entity
@Table(name = "recovery_codes")
public class RecoveryCode {

    @Id
    @Column(name = "code_hash", length = 64)
    private String codeHash;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "used_at")
    private Long usedAt;

    protected RecoveryCode() {
        // for JPA
    }

    public RecoveryCode(String codeHash, Long userId, long createdAt) {
        this.codeHash = codeHash;
        this.userId = userId;
        this.createdAt = createdAt;
    }

    public Long userId() {
        return userId;
    }

    public boolean used() {
        return usedAt != null;
    }

    public void use(long now) {
        usedAt = now;
    }
}
