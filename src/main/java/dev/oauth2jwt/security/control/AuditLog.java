package dev.oauth2jwt.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;

/**
 * One line per login and per refused token on the {@code dev.oauth2jwt.audit} logger: time,
 * username, client address, outcome and reason. Never a password or a token; every value is
 * quoted with control characters escaped, so a crafted username cannot forge log lines.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger AUDIT = Logger.getLogger("dev.oauth2jwt.audit");

    Clock clock = Clock.systemUTC();

    public void login(String outcome, String username, String client, String reason) {
        AUDIT.info(() -> "login time=" + now() + " outcome=" + outcome + " user=" + quoted(username)
                + " client=" + quoted(client) + (reason == null ? "" : " reason=" + quoted(reason)));
    }

    public void tokenRefused(String reason, String client, String path) {
        AUDIT.info(() -> "token refused time=" + now() + " client=" + quoted(client)
                + " path=" + quoted(path) + " reason=" + quoted(reason));
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
