package dev.oauth2jwt.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    final List<String> lines = new ArrayList<>();
    final Logger audit = Logger.getLogger("dev.oauth2jwt.audit");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    AuditLog log;

    @BeforeEach
    void capture() {
        audit.setLevel(Level.INFO);
        audit.addHandler(capture);
        log = new AuditLog();
        log.clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    }

    @AfterEach
    void release() {
        audit.removeHandler(capture);
    }

    @Test
    void aLoginLineHasTimeOutcomeUserClientAndReason() {
        log.login(Outcome.FAILURE, "johndoe", "192.0.2.1", "wrong password");

        assertEquals(List.of("login time=2026-11-26T12:00:00Z outcome=failure user=\"johndoe\" client=\"192.0.2.1\" "
                + "reason=\"wrong password\""), lines);
    }

    @Test
    void aCraftedUsernameCannotForgeALine() {
        log.login(Outcome.FAILURE, "eve\"\nlogin outcome=success user=\"admin", "192.0.2.1", null);

        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n"));
        assertTrue(lines.get(0).contains("user=\"eve\\\"\\u000alogin outcome=success user=\\\"admin\""), lines.get(0));
    }

    @Test
    void longValuesAreCut() {
        log.tokenRefused("x".repeat(5000), "192.0.2.1", "/users/me/");

        assertTrue(lines.get(0).length() < 400, lines.get(0));
    }

    @Test
    void aFloodOfRefusalsIsWrittenAtAFewLinesPerSecondAndSaysHowManyWereLeftOut() {
        for (int i = 0; i < 500; i++) {
            log.loginBusy("guess" + i, "192.0.2.1");
        }
        assertEquals(AuditLog.FLOOD_LINES_PER_SECOND, lines.size());
        assertTrue(lines.stream().noneMatch(line -> line.contains("left_out")), lines.get(0));

        log.clock = Clock.fixed(Instant.parse("2026-11-26T12:00:01Z"), ZoneOffset.UTC);
        log.loginBusy("next", "192.0.2.1");

        String expectedCount = " left_out=" + (500 - AuditLog.FLOOD_LINES_PER_SECOND);
        assertEquals("login time=2026-11-26T12:00:01Z outcome=busy user=\"next\" client=\"192.0.2.1\" "
                + "reason=\"password hashing capacity exhausted\"" + expectedCount, lines.get(lines.size() - 1));
    }

    @Test
    void eachKindOfFloodHasItsOwnAllowance() {
        for (int i = 0; i < 100; i++) {
            log.tokenRefused("bad signature", "192.0.2.1", "/users/me/");
        }
        log.loginThrottled("johndoe", "192.0.2.1", "retry after 2 s");
        log.login(Outcome.FAILURE, "johndoe", "192.0.2.1", "wrong password");

        assertEquals(AuditLog.FLOOD_LINES_PER_SECOND + 2, lines.size());
        assertTrue(lines.get(lines.size() - 2).contains("outcome=throttled"), lines.get(lines.size() - 2));
    }

    @Test
    void identicalLinesAreWrittenTenTimesAMinuteAndTheNextSaysHowManyWereLeftOut() {
        for (int i = 0; i < 100; i++) {
            log.login(Outcome.REFRESHED, "johndoe", "192.0.2.1", null);
            log.login(Outcome.REFRESHED, "user" + i, "192.0.2.1", null);   // other lines: each its own count
        }
        assertEquals(AuditLog.REPEATS_PER_MINUTE + 100, lines.size());
        assertEquals(AuditLog.REPEATS_PER_MINUTE, lines.stream().filter(line -> line.contains("user=\"johndoe\"")).count());

        log.clock = Clock.fixed(Instant.parse("2026-11-26T12:01:00Z"), ZoneOffset.UTC);
        log.login(Outcome.REFRESHED, "johndoe", "192.0.2.1", null);

        assertEquals("login time=2026-11-26T12:01:00Z outcome=refreshed user=\"johndoe\" client=\"192.0.2.1\" left_out=90",
                lines.get(lines.size() - 1));
    }

    @Test
    void identicalClientAuthenticationsAreLimitedAlike() {
        for (int i = 0; i < 30; i++) {
            log.clientAuthentication(Outcome.FAILURE, "reports", "192.0.2.1", "unknown client or wrong secret");
        }
        assertEquals(AuditLog.REPEATS_PER_MINUTE, lines.size());
    }
}
