package dev.oauth2jwt.throttling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Failed logins counted for one username ({@code user:...}) or one client address ({@code addr:...}). */
@Entity
@Table(name = "login_failures")
public class FailureCounter {

    @Id
    @Column(name = "counter_key", length = 200)
    private String key;

    @Column(name = "failures", nullable = false)
    private int failures;

    /** Epoch milliseconds of the first failure of the current window. */
    @Column(name = "window_start", nullable = false)
    private long windowStart;

    /** Epoch milliseconds until which logins are refused with 429; 0 when not blocked. */
    @Column(name = "blocked_until", nullable = false)
    private long blockedUntil;

    protected FailureCounter() {
        // for JPA
    }

    public FailureCounter(String key, long now) {
        this.key = key;
        this.windowStart = now;
    }

    public String key() {
        return key;
    }

    public int failures() {
        return failures;
    }

    public long windowStart() {
        return windowStart;
    }

    public long blockedUntil() {
        return blockedUntil;
    }

    public void restart(long now) {
        failures = 0;
        windowStart = now;
        blockedUntil = 0;
    }

    public void addFailure() {
        failures++;
    }

    public void blockUntil(long epochMillis) {
        blockedUntil = Math.max(blockedUntil, epochMillis);
    }
}
