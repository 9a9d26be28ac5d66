package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.oauth2jwt.users.control.ServerBusyException;
import jakarta.ws.rs.container.AsyncResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LateAnswersTest {

    final List<Object> resumedWith = new ArrayList<>();
    final AsyncResponse answer = (AsyncResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AsyncResponse.class}, (proxy, method, args) -> {
                if (method.getName().equals("resume")) {
                    resumedWith.add(args[0]);
                    return true;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    final LateAnswers busy = new LateAnswers();
    final ServerBusyException refusal = new ServerBusyException();

    @BeforeEach
    void setUp() {
        busy.scheduler = scheduler;
        busy.answerAfterMillis = 1000;
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void aRefusalIsHeldUntilItsTimeWithoutAThread() {
        long arrived = TimeUnit.MILLISECONDS.toNanos(5_000);

        busy.answerLater(answer, refusal, arrived, arrived + TimeUnit.MILLISECONDS.toNanos(300));

        assertEquals(List.of(), resumedWith, "not answered at once");
        var pending = scheduler.getQueue();
        assertEquals(1, pending.size());
        long delay = ((java.util.concurrent.ScheduledFuture<?>) pending.peek()).getDelay(TimeUnit.MILLISECONDS);
        assertTrue(delay > 600 && delay <= 700, "the rest of the second: " + delay);
    }

    @Test
    void aRefusalThatWaitedLongEnoughAlreadyIsAnsweredAtOnce() {
        busy.answerLater(answer, refusal, 0, TimeUnit.MILLISECONDS.toNanos(1000));

        assertEquals(1, resumedWith.size());
        assertSame(refusal, resumedWith.get(0));
    }

    @Test
    void noDelayConfiguredAnswersAtOnce() {
        busy.answerAfterMillis = 0;

        busy.answerLater(answer, refusal, 0, 0);

        assertEquals(List.of(refusal), resumedWith);
    }

    @Test
    void aStoppingSchedulerStillAnswers() {
        scheduler.shutdown();

        busy.answerLater(answer, refusal, 0, 0);

        assertEquals(List.of(refusal), resumedWith);
    }
}
