package dev.oauth2jwt.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * each; the next line written says how many were left out, so a flood cannot fill the disk. The
 * other lines (logins, codes, refreshes, client authentications: successes cost an attacker nothing
 * once it holds a password or a token) are written at most {@value #REPEATS_PER_MINUTE} times a
 * minute each when identical (the same event, account, address and reason), the next one saying
 * how many were left out.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger AUDIT = Logger.getLogger("dev.oauth2jwt.audit");

    static final int FLOOD_LINES_PER_SECOND = 20;
    static final int REPEATS_PER_MINUTE = 10;

    Clock clock = Clock.systemUTC();

    private final FloodLimit busyLines = new FloodLimit();
    private final FloodLimit throttledLines = new FloodLimit();
    private final FloodLimit refusedTokenLines = new FloodLimit();
    private final RepeatLimit repeatedLines = new RepeatLimit();

    public void login(Outcome outcome, String username, String client, String reason) {
        repeatLimited(String.join("\u0000", "login", outcome.word(), String.valueOf(username), String.valueOf(client),
                String.valueOf(reason)), left -> loginLine(outcome, username, client, reason, left));
    }

    /** A login refused because the password hashing capacity is exhausted. */
    public void loginBusy(String username, String client) {
        limited(busyLines, left -> loginLine(Outcome.BUSY, username, client, "password hashing capacity exhausted", left));
    }

    /** A login refused because the directory the user is in cannot be reached (limited like busy ones). */
    public void loginUnavailable(String username, String client) {
        limited(busyLines, left -> loginLine(Outcome.UNAVAILABLE, username, client, "directory unavailable", left));
    }

    /** A login or password change refused by the failed-login throttle. */
    public void loginThrottled(String username, String client, String reason) {
        limited(throttledLines, left -> loginLine(Outcome.THROTTLED, username, client, reason, left));
    }

    /**
     * A change to an account's sign-in (its second factors, recovery codes, sessions, password) by
     * the person on the account page or by an administrator: what, whose, from where, by whom.
     */
    public void account(String event, String username, String address, String by) {
        repeatLimited(String.join("\u0000", "account", event, String.valueOf(username), String.valueOf(address), String.valueOf(by)),
                left -> "account time=" + now() + " event=" + quoted(event) + " user=" + quoted(username) + " client="
                        + quoted(address) + " by=" + quoted(by) + leftOut(left));
    }

    /**
     * A client's authentication (client credentials at {@code /token}, {@code /introspect}):
     * {@code client_id} and the address it came from; throttled ones limited like throttled logins.
     */
    public void clientAuthentication(Outcome outcome, String clientId, String address, String reason) {
        if (outcome == Outcome.THROTTLED) {
            limited(throttledLines, left -> clientLine(outcome, clientId, address, reason, left));
        } else {
            repeatLimited(String.join("\u0000", "client", outcome.word(), String.valueOf(clientId), String.valueOf(address),
                    String.valueOf(reason)), left -> clientLine(outcome, clientId, address, reason, left));
        }
    }

    private String clientLine(Outcome outcome, String clientId, String address, String reason, int leftOut) {
        return "client authentication time=" + now() + " outcome=" + outcome.word() + " client_id=" + quoted(clientId)
                + " client=" + quoted(address) + (reason == null ? "" : " reason=" + quoted(reason)) + leftOut(leftOut);
    }

    /**
     * An application told of a logout by the back channel, or given up on: which client, whose
     * login ({@code sid}), after how many attempts, and the last error.
     */
    public void backchannelLogout(String outcome, String clientId, String sid, int attempts, String error) {
        repeatLimited(String.join("\u0000", "logout", outcome, String.valueOf(clientId), String.valueOf(sid)),
                left -> "backchannel logout time=" + now() + " outcome=" + quoted(outcome) + " client_id=" + quoted(clientId)
                        + " sid=" + quoted(sid) + " attempts=" + attempts + (error == null ? "" : " reason=" + quoted(error))
                        + leftOut(left));
    }

    public void tokenRefused(String reason, String client, String path) {
        limited(refusedTokenLines, left -> "token refused time=" + now() + " client=" + quoted(client)
                + " path=" + quoted(path) + " reason=" + quoted(reason) + leftOut(left));
    }

    private String loginLine(Outcome outcome, String username, String client, String reason, int leftOut) {
        return "login time=" + now() + " outcome=" + outcome.word() + " user=" + quoted(username)
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

    private void repeatLimited(String key, IntFunction<String> line) {
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        int leftOut = repeatedLines.admit(key, clock.millis());
        if (leftOut >= 0) {
            AUDIT.info(line.apply(leftOut));
        }
    }

    /**
     * Admits each distinct line {@value #REPEATS_PER_MINUTE} times a minute and counts the others.
     * It follows at most {@value #MAX_TRACKED} distinct lines; beyond, lines share one flood limit.
     */
    static final class RepeatLimit {
        static final int MAX_TRACKED = 10_000;
        private final Map<String, Repeats> lines = new ConcurrentHashMap<>();
        private final FloodLimit untracked = new FloodLimit();

        /** How many identical lines were left out before this one, or -1 if this one is left out too. */
        int admit(String key, long nowMillis) {
            long minute = Math.floorDiv(nowMillis, 60_000);
            Repeats repeats = lines.get(key);
            if (repeats == null) {
                if (lines.size() >= MAX_TRACKED) {
                    lines.values().removeIf(old -> old.stale(minute));
                }
                if (lines.size() >= MAX_TRACKED) {
                    return untracked.admit(nowMillis);
                }
                repeats = lines.computeIfAbsent(key, absent -> new Repeats());
            }
            return repeats.admit(minute);
        }

        /** One line's count in its minute, and how many were left out since it was last written. */
        private static final class Repeats {
            private long minute = Long.MIN_VALUE;
            private int written;
            private int leftOut;

            synchronized int admit(long now) {
                if (now != minute) {
                    minute = now;
                    written = 0;
                }
                if (++written > REPEATS_PER_MINUTE) {
                    leftOut++;
                    return -1;
                }
                int count = leftOut;
                leftOut = 0;
                return count;
            }

            /** Not seen this minute nor the last: forgotten when room is needed (a count still pending is lost then). */
            synchronized boolean stale(long now) {
                return minute < now - 1;
            }
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
