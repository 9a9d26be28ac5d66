package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * A second factor a person enrolled, with the name they gave it: an authenticator app (TOTP), with
 * its shared secret (base32) and the last time step a code was accepted at (a code is accepted
 * once), counting only once confirmed by a code from the app; or a passkey (WebAuthn), with its
 * credential id, public key and signature counter. Times are epoch milliseconds.
 */
@Entity
@Table(name = "second_factors")
public class SecondFactor {

    public static final String TOTP = "totp";
    public static final String PASSKEY = "passkey";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "user_id", nullable = false)
    private Long userId;

    @Column(name = "kind", nullable = false, length = 16)
    private String kind;

    @Column(name = "name", nullable = false, length = 64)
    private String name;

    @Column(name = "secret", length = 128)
    private String secret;

    @Column(name = "last_step")
    private Long lastStep;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "confirmed_at")
    private Long confirmedAt;

    @Column(name = "last_used_at")
    private Long lastUsedAt;

    /** A passkey's credential id, base64url. */
    @Column(name = "credential_id", length = 1400)
    private String credentialId;

    /** A passkey's attested credential data (AAGUID, credential id, COSE public key), base64. */
    @Column(name = "credential_data", length = 4096)
    private String credentialData;

    @Column(name = "sign_count")
    private Long signCount;

    @Column(name = "uv_initialized")
    private Boolean uvInitialized;

    @Column(name = "backup_eligible")
    private Boolean backupEligible;

    @Column(name = "backup_state")
    private Boolean backupState;

    /** How the browser reaches the authenticator (usb, internal, hybrid...), space separated. */
    @Column(name = "transports", length = 128)
    private String transports;

    protected SecondFactor() {
        // for JPA
    }

    /** An authenticator app offered to the person, not yet confirmed. */
    public static SecondFactor totp(String id, Long userId, String name, String base32Secret, long now) {
        SecondFactor factor = new SecondFactor();
        factor.id = id;
        factor.userId = userId;
        factor.kind = TOTP;
        factor.name = name;
        factor.secret = base32Secret;
        factor.createdAt = now;
        return factor;
    }

    /** A passkey, registered (so confirmed) at once. */
    public static SecondFactor passkey(String id, Long userId, String name, String credentialId, String credentialData, long signCount,
            boolean uvInitialized, Boolean backupEligible, Boolean backupState, String transports, long now) {
        SecondFactor factor = new SecondFactor();
        factor.id = id;
        factor.userId = userId;
        factor.kind = PASSKEY;
        factor.name = name;
        factor.credentialId = credentialId;
        factor.credentialData = credentialData;
        factor.signCount = signCount;
        factor.uvInitialized = uvInitialized;
        factor.backupEligible = backupEligible;
        factor.backupState = backupState;
        factor.transports = transports;
        factor.createdAt = now;
        factor.confirmedAt = now;
        return factor;
    }

    public String credentialId() {
        return credentialId;
    }

    public String credentialData() {
        return credentialData;
    }

    public long signCount() {
        return signCount == null ? 0 : signCount;
    }

    public boolean uvInitialized() {
        return Boolean.TRUE.equals(uvInitialized);
    }

    public Boolean backupEligible() {
        return backupEligible;
    }

    public Boolean backupState() {
        return backupState;
    }

    public String transports() {
        return transports == null ? "" : transports;
    }

    /** A passkey signed in: its counter as the authenticator now says, and whether it verified the user. */
    public void asserted(long counter, boolean userVerified, Boolean backedUp, long now) {
        signCount = counter;
        if (userVerified) {
            uvInitialized = true;
        }
        backupState = backedUp;
        lastUsedAt = now;
    }

    public String id() {
        return id;
    }

    public Long userId() {
        return userId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String secret() {
        return secret;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    public Optional<Long> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    /** Whether a code of this time step may still be accepted: only steps after the last accepted one. */
    public boolean acceptsStep(long step) {
        return lastStep == null || step > lastStep;
    }

    /** A code of this step was accepted: it and every earlier step are spent. */
    public void accepted(long step, long now) {
        lastStep = step;
        lastUsedAt = now;
        if (confirmedAt == null) {
            confirmedAt = now;
        }
    }
}
