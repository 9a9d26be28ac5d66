package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.throttling.entity.FailureCounter;
import java.time.Duration;

/**
 * How failures turn into waiting: up to {@code limit} failures per window are free; from then on
 * each failure costs a delay that doubles from {@code baseDelay} up to {@code maxDelay}, either as a
 * block (further attempts refused until it passes) or as a slowdown (answers held back that long).
 * Never a permanent lock: the window ends, a success resets the count.
 */
public record ThrottlePolicy(int limit, Duration window, Duration baseDelay, Duration maxDelay) {

    /** Milliseconds the counter still blocks attempts at {@code now}; 0 when it does not. */
    public long blockedMillis(FailureCounter counter, long now) {
        return Math.max(0, counter.blockedUntil() - now);
    }

    /** Counts a failure and, from the limit on, blocks further attempts for the delay. */
    public void recordFailure(FailureCounter counter, long now) {
        count(counter, now);
        int overLimit = counter.failures() - limit;
        if (overLimit >= 0) {
            counter.blockUntil(now + delayMillis(overLimit));
        }
    }

    /** Counts a failure, in a new window if the last one has passed. */
    public void count(FailureCounter counter, long now) {
        if (now >= counter.windowStart() + window.toMillis() && now >= counter.blockedUntil()) {
            counter.restart(now);
        }
        counter.addFailure();
    }

    /** Milliseconds to hold an answer back at {@code now}: the delay from the limit on, within the window. */
    public long slowdownMillis(FailureCounter counter, long now) {
        int overLimit = counter.failures() - limit;
        if (overLimit < 0 || now >= counter.windowStart() + window.toMillis()) {
            return 0;
        }
        return delayMillis(overLimit);
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
