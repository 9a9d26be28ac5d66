package dev.oauth2jwt.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.Initialized;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bulkhead around password hashing: at most {@code BCRYPT_MAX_CONCURRENT} pieces of work that
 * hash at once (one per core leaves the machine able to serve everything else), at most
 * {@code BCRYPT_MAX_WAITING} queued behind them, each for at most {@code BCRYPT_MAX_WAIT_MILLIS}.
 * Beyond that the work is refused at once with {@link ServerBusyException}: a flood of logins
 * cannot hold request threads without bound. Wrapped once around a whole login (its database
 * reads included, so that a login turned away costs next to nothing), a password change, or an
 * administrator's new password; MicroProfile Fault Tolerance's {@code @Bulkhead} has no bounded
 * wait for synchronous calls, which this needs.
 */
@ApplicationScoped
public class HashingCapacity {

    /** Work at once; 0: one per core. */
    @Inject
    @ConfigProperty(name = "bcrypt.max-concurrent")
    int maxConcurrent;

    /** Work queued; -1: twice the above. */
    @Inject
    @ConfigProperty(name = "bcrypt.max-waiting")
    int maxWaiting;

    @Inject
    @ConfigProperty(name = "bcrypt.max-wait-millis")
    long maxWaitMillis;

    private Semaphore slots;
    private int queue;
    private final AtomicInteger waiting = new AtomicInteger();

    HashingCapacity() {
        // for CDI
    }

    HashingCapacity(int slots, int maxWaiting, long maxWaitMillis) {
        this.maxConcurrent = slots;
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWaitMillis;
        init();
    }

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a bad BCRYPT_MAX_WAIT_MILLIS stops the deployment
    }

    @PostConstruct
    void init() {
        if (maxWaitMillis < 0) {
            throw new IllegalStateException("BCRYPT_MAX_WAIT_MILLIS must be 0 or more");
        }
        int concurrent = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        slots = new Semaphore(concurrent);
        queue = maxWaiting >= 0 ? maxWaiting : 2 * concurrent;
    }

    /**
     * Runs the work in a slot.
     *
     * @throws ServerBusyException when every slot is taken and the queue is full, or no slot came free in time
     */
    public <T> T run(Supplier<T> work) {
        if (!slots.tryAcquire()) {
            awaitSlot();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void awaitSlot() {
        if (waiting.incrementAndGet() > queue) {
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
