package dev.oauth2jwt.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class HashingCapacityTest {

    /** Room for {@code slots} pieces of work at once (0: one per core), and nobody may wait for one. */
    public static HashingCapacity withoutQueue(int slots) {
        return new HashingCapacity(slots, 0, 0);
    }

    final ExecutorService threads = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    /** Takes a slot until the test releases it. */
    Future<String> occupy(HashingCapacity gate) {
        return threads.submit(() -> gate.run(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }));
    }

    @Test
    void withEverySlotTakenAndNoQueueTheNextCallIsRefusedAtOnce() throws Exception {
        HashingCapacity gate = new HashingCapacity(1, 0, 10_000);
        occupy(gate);
        started.await(5, TimeUnit.SECONDS);

        assertTimeoutPreemptively(Duration.ofSeconds(1), () ->
                assertThrows(ServerBusyException.class, () -> gate.run(() -> "second")));
    }

    @Test
    void aQueuedCallWaitsForASlotButNotForever() throws Exception {
        HashingCapacity gate = new HashingCapacity(1, 1, 200);
        occupy(gate);
        started.await(5, TimeUnit.SECONDS);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThrows(ServerBusyException.class, () -> gate.run(() -> "queued")), "refused after 200 ms");
    }

    @Test
    void aQueuedCallRunsOnceASlotIsFree() throws Exception {
        HashingCapacity gate = new HashingCapacity(1, 1, 5_000);
        Future<String> first = occupy(gate);
        started.await(5, TimeUnit.SECONDS);

        Future<String> queued = threads.submit(() -> gate.run(() -> "queued"));
        Thread.sleep(100);
        release.countDown();

        assertEquals("done", first.get(5, TimeUnit.SECONDS));
        assertEquals("queued", queued.get(5, TimeUnit.SECONDS));
    }

    @Test
    void slotsAreGivenBackWhenTheWorkFails() {
        HashingCapacity gate = new HashingCapacity(1, 0, 0);

        assertThrows(IllegalStateException.class, () -> gate.run(() -> {
            throw new IllegalStateException("corrupt");
        }));
        assertEquals("fine", gate.run(() -> "fine"));
    }
}
