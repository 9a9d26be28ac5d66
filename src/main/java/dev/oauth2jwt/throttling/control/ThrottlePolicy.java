package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.throttling.entity.FailureCounter;
import java.time.Duration;

/**
 * How failures turn into waiting: up to {@code limit} failures per window are free; from then on
 * each failure blocks further attempts for a delay that doubles from {@code baseDelay} up to
 * {@code maxDelay}. Never a permanent lock: the window ends, a success resets the username.
 */
public record ThrottlePolicy(int limit, Duration window, Duration baseDelay, Duration maxDelay) {

    /** Milliseconds the counter still blocks attempts at {@code now}; 0 when it does not. */
    public long blockedMillis(FailureCounter counter, long now) {
        return Math.max(0, counter.blockedUntil() - now);
    }

    public void recordFailure(FailureCounter counter, long now) {
        if (now >= counter.windowStart() + window.toMillis() && now >= counter.blockedUntil()) {
            counter.restart(now);
        }
        counter.addFailure();
        int overLimit = counter.failures() - limit;
        if (overLimit >= 0) {
            counter.blockUntil(now + delayMillis(overLimit));
        }
    }

    /** baseDelay * 2^n, at most maxDelay. */
    long delayMillis(int n) {
        long base = baseDelay.toMillis();
        long max = maxDelay.toMillis();
        if (n >= 62 || base << n >>> n != base) {
            return max;
        }
        return Math.min(base << n, max);
    }
}
