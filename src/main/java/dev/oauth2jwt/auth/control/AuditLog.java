package dev.oauth2jwt.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per login and per refused token on the {@code dev.oauth2jwt.audit} logger: time,
 * username, client address, outcome and reason. Never a password or a token; every value is
 * quoted with control characters escaped, so a crafted username cannot forge log lines.
 *
 * <p>Events a client can cause at any rate (logins refused because the server is busy or the
 * caller throttled, refused tokens) are written at most {@value #FLOOD_LINES_PER_SECOND} per second
 * each; the next line written says how many were left out, so a flood cannot fill the disk.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger AUDIT = Logger.getLogger("dev.oauth2jwt.audit");

    static final int FLOOD_LINES_PER_SECOND = 20;

    Clock clock = Clock.systemUTC();

    private final FloodLimit busyLines = new FloodLimit();
    private final FloodLimit throttledLines = new FloodLimit();
    private final FloodLimit refusedTokenLines = new FloodLimit();

    public void login(String outcome, String username, String client, String reason) {
        AUDIT.info(() -> loginLine(outcome, username, client, reason, 0));
    }

    /** A login refused because the password hashing capacity is exhausted. */
    public void loginBusy(String username, String client) {
        limited(busyLines, left -> loginLine("busy", username, client, "password hashing capacity exhausted", left));
    }

    /** A login or password change refused by the failed-login throttle. */
    public void loginThrottled(String username, String client, String reason) {
        limited(throttledLines, left -> loginLine("throttled", username, client, reason, left));
    }

    /**
     * A client's authentication (client credentials at {@code /token}, {@code /introspect}):
     * {@code client_id} and the address it came from; throttled ones limited like throttled logins.
     */
    public void clientAuthentication(String outcome, String clientId, String address, String reason) {
        if ("throttled".equals(outcome)) {
            limited(throttledLines, left -> clientLine(outcome, clientId, address, reason, left));
        } else {
            AUDIT.info(() -> clientLine(outcome, clientId, address, reason, 0));
        }
    }

    private String clientLine(String outcome, String clientId, String address, String reason, int leftOut) {
        return "client authentication time=" + now() + " outcome=" + outcome + " client_id=" + quoted(clientId)
                + " client=" + quoted(address) + (reason == null ? "" : " reason=" + quoted(reason)) + leftOut(leftOut);
    }

    public void tokenRefused(String reason, String client, String path) {
        limited(refusedTokenLines, left -> "token refused time=" + now() + " client=" + quoted(client)
                + " path=" + quoted(path) + " reason=" + quoted(reason) + leftOut(left));
    }

    private String loginLine(String outcome, String username, String client, String reason, int leftOut) {
        return "login time=" + now() + " outcome=" + outcome + " user=" + quoted(username)
                + " client=" + quoted(client) + (reason == null ? "" : " reason=" + quoted(reason)) + leftOut(leftOut);
    }

    private static String leftOut(int count) {
        return count == 0 ? "" : " left_out=" + count;
    }

    private void limited(FloodLimit limit, IntFunction<String> line) {
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        int leftOut = limit.admit(clock.millis());
        if (leftOut >= 0) {
            AUDIT.info(line.apply(leftOut));
        }
    }

    /** Admits {@value #FLOOD_LINES_PER_SECOND} lines per second and counts the others. */
    static final class FloodLimit {
        private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
        private final AtomicInteger written = new AtomicInteger();
        private final AtomicInteger leftOut = new AtomicInteger();

        /** How many lines were left out before this one, or -1 if this one is left out too. */
        int admit(long nowMillis) {
            long now = Math.floorDiv(nowMillis, 1000);
            long current = second.get();
            if (now != current && second.compareAndSet(current, now)) {
                written.set(0);
            }
            if (written.incrementAndGet() > FLOOD_LINES_PER_SECOND) {
                leftOut.incrementAndGet();
                return -1;
            }
            return leftOut.getAndSet(0);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String quoted(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        int shown = Math.min(value.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > shown ? "...\"" : "\"").toString();
    }
}
