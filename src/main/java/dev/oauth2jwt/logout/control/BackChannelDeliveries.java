package dev.oauth2jwt.logout.control;

import dev.oauth2jwt.clients.control.ClientStore;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.housekeeping.Chore;
import dev.oauth2jwt.logout.entity.LogoutDelivery;
import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.tokens.control.TokenIssuer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the logout tokens of {@link SingleLogout}'s deliveries (Back-Channel Logout 1.0 section
 * 2.5): a form POST of {@code logout_token}, signed at each attempt, to the client's
 * {@code backchannel_logout_uri} as registered at that moment. A 2xx answer delivers it. A timeout,
 * a failed connection, 5xx, 408 or 429 is retried with backoff ({@code LOGOUT_RETRY_SECONDS},
 * doubling up to {@code LOGOUT_RETRY_MAX_SECONDS}) until {@code LOGOUT_DELIVERY_ATTEMPTS}; any other
 * answer (the application refused the token, or redirects) is given up at once, as is a client
 * deleted meanwhile. Giving up is logged.
 *
 * <p>Every instance looks for due deliveries every {@code LOGOUT_POLL_MILLIS} and claims each
 * before sending it, by one conditional update: an instance claims only what nobody holds, for the
 * time of one attempt. So one instance sends each attempt, and what a stopped instance held is
 * anyone's once its claim has run out (at a stop it gives its claims back at once).
 */
@ApplicationScoped
public class BackChannelDeliveries implements Chore {

    private static final Logger LOG = Logger.getLogger(BackChannelDeliveries.class.getName());
    /** Deliveries one instance claims in one round. */
    static final int BATCH = 32;
    /** Attempts one instance has under way at most: an outage of many apps queues, it does not pile up. */
    static final int MAX_IN_FLIGHT = 128;
    /** How long a stop waits for attempts in flight to be recorded before it gives their claims back. */
    static final long STOP_WAIT_MILLIS = 1000;

    @Inject
    Database database;

    @Inject
    ClientStore clients;

    @Inject
    TokenIssuer tokens;

    @Inject
    AuditLog audit;

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "logout.delivery-attempts")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "logout.retry-seconds")
    int firstRetrySeconds;

    @Inject
    @ConfigProperty(name = "logout.retry-max-seconds")
    int maxRetrySeconds;

    @Inject
    @ConfigProperty(name = "logout.timeout-seconds")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "logout.poll-millis")
    int pollMillis;

    @Resource   // the default ones (Jakarta Concurrency); TomEE binds no java:comp name for them
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    Clock clock = Clock.systemUTC();
    final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean roundAsked = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private HttpClient http;
    private ScheduledFuture<?> schedule;

    @PostConstruct
    void checkSettings() {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalStateException("LOGOUT_DELIVERY_ATTEMPTS is " + maxAttempts + "; it must be between 1 and 100");
        }
        if (firstRetrySeconds < 1 || maxRetrySeconds < firstRetrySeconds || maxRetrySeconds > 86_400) {
            throw new IllegalStateException("LOGOUT_RETRY_SECONDS (" + firstRetrySeconds + ") and LOGOUT_RETRY_MAX_SECONDS ("
                    + maxRetrySeconds + ") must be at least 1, the first no more than the second, the second at most 86400");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 60) {
            throw new IllegalStateException("LOGOUT_TIMEOUT_SECONDS is " + timeoutSeconds + "; it must be between 1 and 60");
        }
        if (pollMillis < 100 || pollMillis > 60_000) {
            throw new IllegalStateException("LOGOUT_POLL_MILLIS is " + pollMillis + "; it must be between 100 and 60000");
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        openClient();
        metrics.gauge("oauth2jwt_backchannel_logouts_pending", "Logouts waiting to be delivered to an application (back channel)",
                this::pending);
        schedule = scheduler.scheduleWithFixedDelay(this::round, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** The HTTP client: never follows a redirect (the registered URI, nowhere else), its threads the server's. */
    void openClient() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        http = builder.build();
    }

    /** A round now rather than at the next tick: a delivery has just been written. One asked for at a time. */
    public void deliverSoon() {
        if (scheduler != null && http != null && !stopping && roundAsked.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                roundAsked.set(false);
                round();
            });
        }
    }

    /**
     * Not two rounds at once in this instance (the claims keep instances apart). A round only
     * claims and sends: each attempt is recorded when it ends, so an app that hangs holds up no
     * other's logout. It claims nothing once the instance is stopping (see {@link #sendDue}).
     */
    synchronized void round() {
        try {
            sendDue();
            if (failing.compareAndSet(true, false)) {
                LOG.info("Back-channel logout deliveries work again");
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {   // once, not every second while the database is down
                LOG.log(Level.WARNING, "Back-channel logout deliveries cannot be read or recorded; retried every "
                        + pollMillis + " ms", e);
            }
        }
    }

    /**
     * One round: claims what is due (at most {@value #MAX_IN_FLIGHT} attempts in flight per
     * instance) and sends it; each attempt is recorded as it ends. The attempts, ending.
     */
    List<CompletableFuture<Void>> sendDue() {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0 || stopping) {
            return List.of();
        }
        long now = clock.millis();
        List<String> due = database.read(em -> em.createQuery("SELECT d.id FROM LogoutDelivery d WHERE d.finishedAt IS NULL "
                        + "AND d.nextAttemptAt <= :now AND (d.claimedUntil IS NULL OR d.claimedUntil < :now) "
                        + "ORDER BY d.nextAttemptAt", String.class)
                .setParameter("now", now)
                .setMaxResults(Math.min(room, BATCH))
                .getResultList());
        List<CompletableFuture<Void>> attempts = new ArrayList<>();
        for (String id : due) {
            claim(id, now).ifPresent(delivery -> {
                inFlight.incrementAndGet();
                // recorded on the server's threads, never on the HTTP client's or the JDK's timer
                attempts.add(send(delivery).thenAcceptAsync(result -> record(delivery, result),
                                executor != null ? executor : Runnable::run)
                        .whenComplete((done, failure) -> {
                            inFlight.decrementAndGet();
                            if (failure != null) {   // not recorded (the database): the claim runs out, and it is tried again
                                LOG.log(Level.FINE, "a back-channel logout attempt could not be recorded", failure);
                            }
                        }));
            });
        }
        return attempts;
    }

    /** A round that waits for its attempts to be recorded: how many were sent (for the tests). */
    int deliverDue() {
        List<CompletableFuture<Void>> attempts = sendDue();
        attempts.forEach(attempt -> attempt.exceptionally(failure -> null).join());
        return attempts.size();
    }

    /** The delivery, if this instance could claim it: nobody holds it, it is not finished. */
    private Optional<LogoutDelivery> claim(String id, long now) {
        long until = now + Duration.ofSeconds(2L * timeoutSeconds + 10).toMillis();
        return database.inTransaction(em -> {
            int claimed = em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = :me, d.claimedUntil = :until WHERE d.id = :id "
                            + "AND d.finishedAt IS NULL AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                    .setParameter("me", instance)
                    .setParameter("until", until)
                    .setParameter("id", id)
                    .setParameter("now", now)
                    .executeUpdate();
            return claimed == 1 ? Optional.ofNullable(em.find(LogoutDelivery.class, id)) : Optional.empty();
        });
    }

    /** How an attempt went: delivered, to be retried, or not worth retrying; the reason for the log. */
    record Result(Kind kind, String reason) {
        enum Kind { DELIVERED, RETRY, GIVE_UP }
    }

    private CompletableFuture<Result> send(LogoutDelivery delivery) {
        Optional<Client> client = clients.find(delivery.clientId());
        Optional<String> uri = client.flatMap(Client::backchannelLogoutUri);
        if (uri.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new Result(Result.Kind.GIVE_UP, "the client was deleted or no longer has a back-channel logout URI"));
        }
        return post(uri.get(), delivery)
                .exceptionallyCompose(failure -> droppedUnanswered(failure) ? post(uri.get(), delivery) : CompletableFuture.failedFuture(failure))
                .handle((response, failure) -> failure == null ? answered(response.statusCode()) : unreachable(failure));
    }

    /** One POST of a freshly signed logout token (a new jti, so that a resent one is no replay). */
    private CompletableFuture<HttpResponse<Void>> post(String uri, LogoutDelivery delivery) {
        String token = tokens.logoutToken(delivery.clientId(), delivery.subject(), delivery.sid());
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cache-Control", "no-store")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(2L * timeoutSeconds, TimeUnit.SECONDS);
    }

    /**
     * A connection closed without an answer: most often a kept-alive one the app closed just as it
     * was reused (its keep-alive is shorter than the client's), which the JDK does not resend for a
     * POST. Sent once more at once on a new connection, rather than after the first retry delay.
     * A refused connection or a timeout is not: the app is down or slow, and the backoff is for that.
     */
    static boolean droppedUnanswered(Throwable failure) {
        Throwable cause = causeOf(failure);
        return cause instanceof IOException && !(cause instanceof java.net.ConnectException) && !(cause instanceof HttpTimeoutException);
    }

    /** What failed, out of the CompletionException the async client wraps it in. */
    private static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Section 2.8: 200 (or another 2xx) is done; 400 and the like are the application's refusal, which trying again will not change. */
    static Result answered(int status) {
        if (status >= 200 && status < 300) {
            return new Result(Result.Kind.DELIVERED, null);
        }
        boolean worthRetrying = status >= 500 || status == 408 || status == 429;
        return new Result(worthRetrying ? Result.Kind.RETRY : Result.Kind.GIVE_UP, "HTTP " + status);
    }

    private static Result unreachable(Throwable failure) {
        Throwable cause = causeOf(failure);
        String reason = cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException ? "timed out"
                : cause instanceof IOException ? "cannot connect (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")"
                : "failed (" + cause.getClass().getSimpleName() + ")";
        return new Result(Result.Kind.RETRY, reason);
    }

    /** When to try again after the n-th failed attempt (1-based): the first delay, doubled each time, capped. */
    long retryDelayMillis(int failedAttempts) {
        long seconds = (long) firstRetrySeconds << Math.min(failedAttempts - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, maxRetrySeconds)).toMillis();
    }

    private void record(LogoutDelivery sent, Result result) {
        long now = clock.millis();
        LogoutDelivery recorded = database.inTransaction(em -> {
            LogoutDelivery delivery = em.find(LogoutDelivery.class, sent.id(), LockModeType.PESSIMISTIC_WRITE);
            if (delivery == null || delivery.finished()) {
                return null;   // another instance finished it after this one's claim ran out
            }
            switch (result.kind()) {
                case DELIVERED -> delivery.delivered(now);
                case GIVE_UP -> delivery.failed(now, result.reason(), null);
                case RETRY -> delivery.failed(now, result.reason(),
                        delivery.attempts() + 1 >= maxAttempts ? null : now + retryDelayMillis(delivery.attempts() + 1));
            }
            return delivery;
        });
        if (recorded == null) {
            return;
        }
        if (recorded.finished() && LogoutDelivery.DELIVERED.equals(recorded.outcome())) {
            metrics.logoutDelivery("delivered");
            audit.backchannelLogout("delivered", recorded.clientId(), recorded.sid(), recorded.attempts(), null);
        } else if (recorded.finished()) {
            metrics.logoutDelivery("given_up");
            audit.backchannelLogout("given_up", recorded.clientId(), recorded.sid(), recorded.attempts(), result.reason());
            LOG.warning("Back-channel logout to client " + recorded.clientId() + " given up after " + recorded.attempts()
                    + " attempt(s): " + result.reason() + "; its session of that login stays until it ends by itself");
        } else {
            metrics.logoutDelivery("retry");
            LOG.fine(() -> "Back-channel logout to client " + recorded.clientId() + " failed (" + result.reason()
                    + "), attempt " + recorded.attempts() + " of " + maxAttempts + "; retried later");
        }
    }

    /** Deliveries not finished, for the metrics. */
    long pending() {
        return database.read(em -> em.createQuery("SELECT COUNT(d) FROM LogoutDelivery d WHERE d.finishedAt IS NULL", Long.class)
                .getSingleResult());
    }

    /** Forgets finished deliveries a day later (they prevent telling an application twice meanwhile). */
    @Override
    public void runHousekeeping() {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        database.inTransaction(em -> em.createQuery("DELETE FROM LogoutDelivery d WHERE d.finishedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    /**
     * Before the application's beans are destroyed, while the database is still there: Payara
     * destroys them in no set order, and a {@code @PreDestroy} here found the database closed, so the
     * claims of a stopped instance stayed held until they ran out.
     */
    void beforeStop(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    /**
     * A stopping instance gives back what it holds, so that another sends it at once rather than
     * after the claim runs out. It starts no round and claims nothing more (this waits for a round
     * under way), gives the attempts in flight a moment to be recorded, and then gives back every
     * claim it still holds, those of attempts still waiting for an answer too.
     */
    synchronized void stop() {
        stopping = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (inFlight.get() > 0 && System.nanoTime() < waitUntil) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            database.inTransaction(em -> em.createQuery("UPDATE LogoutDelivery d SET d.claimedBy = NULL, d.claimedUntil = NULL "
                            + "WHERE d.claimedBy = :me AND d.finishedAt IS NULL")
                    .setParameter("me", instance)
                    .executeUpdate());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give back the back-channel logouts this instance was sending; "
                    + "other instances send them once the claims run out", e);
        }
    }
}
