package dev.oauth2jwt.logout.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A logout an application is to be told by the back channel: whose ({@code sub}), which browser
 * login ({@code sid}), to which client; how often it was tried, when next, and how it ended
 * ({@link #DELIVERED} or {@link #GIVEN_UP}). Times are epoch milliseconds.
 */
@Entity
@Table(name = "logout_deliveries")
public class LogoutDelivery {

    public static final String DELIVERED = "delivered";
    public static final String GIVEN_UP = "given_up";
    private static final int MAX_ERROR = 256;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "subject", nullable = false, length = 64)
    private String subject;

    @Column(name = "sid", nullable = false, length = 64)
    private String sid;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    @Column(name = "claimed_by", length = 36)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Long claimedUntil;

    @Column(name = "last_error", length = MAX_ERROR)
    private String lastError;

    @Column(name = "finished_at")
    private Long finishedAt;

    @Column(name = "outcome", length = 16)
    private String outcome;

    protected LogoutDelivery() {
        // for JPA
    }

    public LogoutDelivery(String id, String clientId, String subject, String sid, long now) {
        this.id = id;
        this.clientId = clientId;
        this.subject = subject;
        this.sid = sid;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public String id() {
        return id;
    }

    public String clientId() {
        return clientId;
    }

    public String subject() {
        return subject;
    }

    public String sid() {
        return sid;
    }

    public long createdAt() {
        return createdAt;
    }

    public int attempts() {
        return attempts;
    }

    public long nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public String outcome() {
        return outcome;
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public boolean claimedBy(String instance) {
        return instance.equals(claimedBy);
    }

    /** The application answered 2xx. */
    public void delivered(long now) {
        attempts++;
        finish(now, DELIVERED);
    }

    /** An attempt failed; tried again at {@code retryAt}, or never if null. */
    public void failed(long now, String error, Long retryAt) {
        attempts++;
        lastError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        if (retryAt == null) {
            finish(now, GIVEN_UP);
        } else {
            nextAttemptAt = retryAt;
            claimedBy = null;
            claimedUntil = null;
        }
    }

    private void finish(long now, String how) {
        finishedAt = now;
        outcome = how;
        claimedBy = null;
        claimedUntil = null;
    }
}
