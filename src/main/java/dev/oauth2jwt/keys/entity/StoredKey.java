package dev.oauth2jwt.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A signing key the server generated (RS256 or ES256 without a key file), in the database so that
 * every instance uses the same. Published from {@code createdAt}, signing from {@code activatedAt}
 * (null while it is the next key), retired at {@code retiredAt}. Times are epoch milliseconds.
 */
@Entity
@Table(name = "signing_keys")
public class StoredKey {

    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "algorithm", nullable = false, length = 8)
    private String algorithm;

    /** PKCS#8 DER, encrypted ({@code enc1:...}, see {@code KeyEncryption}); plain base64 in databases from before. */
    @Column(name = "private_key", nullable = false, length = 4096)
    private String privateKey;

    /** X.509 SubjectPublicKeyInfo DER, base64. */
    @Column(name = "public_key", nullable = false, length = 2048)
    private String publicKey;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "activated_at")
    private Long activatedAt;

    @Column(name = "retired_at")
    private Long retiredAt;

    protected StoredKey() {
        // for JPA
    }

    public StoredKey(String kid, String algorithm, String privateKey, String publicKey, long createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.createdAt = createdAt;
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public String privateKey() {
        return privateKey;
    }

    public String publicKey() {
        return publicKey;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long activatedAt() {
        return activatedAt;
    }

    public Long retiredAt() {
        return retiredAt;
    }

    /** Signs now: activated and not retired. */
    public boolean active() {
        return activatedAt != null && retiredAt == null;
    }

    /** Published, not signing yet: the key the next rotation makes active. */
    public boolean next() {
        return activatedAt == null && retiredAt == null;
    }

    /** The private half encrypted anew (it was plain, or under a previous encryption key). */
    public void replacePrivateKey(String encrypted) {
        privateKey = encrypted;
    }

    public void activate(long now) {
        activatedAt = now;
    }

    public void retire(long now) {
        retiredAt = now;
    }
}
