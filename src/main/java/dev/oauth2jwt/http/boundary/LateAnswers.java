package dev.oauth2jwt.http.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers logins refused for lack of hashing capacity (503) or by the throttle (429) no sooner
 * than {@code login.refused-answer-millis} after they arrived, suspended without holding a thread.
 * Clients that ignore {@code Retry-After} then cost one cheap answer per connection per interval
 * instead of a stream of instant refusals (a 503 also closes its connection) that would starve
 * every other request. They were told to wait anyway. Logins for a username under attack are
 * answered late the same way (the throttle's slowdown), whatever their outcome.
 */
@ApplicationScoped
public class LateAnswers {

    @Resource // the default one (Jakarta Concurrency); TomEE binds no java:comp name for it
    ManagedScheduledExecutorService managedScheduler;

    @Inject
    @ConfigProperty(name = "login.refused-answer-millis")
    long answerAfterMillis;

    /** Seam for unit tests; the server's managed scheduler otherwise. */
    ScheduledExecutorService scheduler;

    public void answerLater(AsyncResponse answer, RuntimeException refusal, long arrivedNanos, long nowNanos) {
        resumeAt(() -> answer.resume(refusal), answerAfterMillis, arrivedNanos, nowNanos);
    }

    /** A refusal already made into a response (a page, say), answered as {@link #answerLater} answers. */
    public void answerRefusalLater(AsyncResponse answer, Response refusal, long arrivedNanos, long nowNanos) {
        resumeAt(() -> answer.resume(refusal), answerAfterMillis, arrivedNanos, nowNanos);
    }

    /** Answers no sooner than {@code afterMillis} after the request arrived (at once if that has passed). */
    public void answerAfter(AsyncResponse answer, Response response, long afterMillis, long arrivedNanos, long nowNanos) {
        resumeAt(() -> answer.resume(response), afterMillis, arrivedNanos, nowNanos);
    }

    private void resumeAt(Runnable resume, long afterMillis, long arrivedNanos, long nowNanos) {
        long remainingMillis = afterMillis - TimeUnit.NANOSECONDS.toMillis(nowNanos - arrivedNanos);
        if (remainingMillis <= 0) {
            resume.run();
            return;
        }
        try {
            scheduler().schedule(resume, remainingMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            resume.run();
        }
    }

    private ScheduledExecutorService scheduler() {
        return scheduler != null ? scheduler : managedScheduler;
    }
}
