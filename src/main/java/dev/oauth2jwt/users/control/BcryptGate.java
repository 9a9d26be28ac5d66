package dev.oauth2jwt.users.control;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the password hashing in flight: at most {@code slots} at once (one per core leaves the
 * machine able to serve everything else), at most {@code maxWaiting} requests queued behind them,
 * each for at most {@code maxWaitMillis}. Beyond that a login is refused at once with
 * {@link ServerBusyException}: a flood of logins cannot hold request threads without bound.
 */
final class BcryptGate {

    private final Semaphore slots;
    private final int maxWaiting;
    private final long maxWaitMillis;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Whether this thread holds a slot already: work nested in a held slot does not wait again. */
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    BcryptGate(int slots, int maxWaiting, long maxWaitMillis) {
        this.slots = new Semaphore(slots);
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
    }

    <T> T run(Supplier<T> work) {
        if (holding.get()) {
            return work.get();
        }
        if (!slots.tryAcquire()) {
            awaitSlot();
        }
        holding.set(true);
        try {
            return work.get();
        } finally {
            holding.set(false);
            slots.release();
        }
    }

    private void awaitSlot() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new ServerBusyException();
        }
        try {
            if (!slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) {
                throw new ServerBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException();
        } finally {
            waiting.decrementAndGet();
        }
    }
}
