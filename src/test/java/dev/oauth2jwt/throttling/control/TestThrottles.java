package dev.oauth2jwt.throttling.control;

import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.testing.TestClocks;
import java.time.Instant;
import java.util.function.Supplier;

/** The throttle as configured by default, on a test's database and clock: for the unit tests of other packages. */
public final class TestThrottles {

    private TestThrottles() {
    }

    public static LoginThrottle on(Database database, Supplier<Instant> now) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.database = database;
        throttle.audit = new AuditLog();
        throttle.maxFailuresPerUser = 10;
        throttle.maxFailuresPerAddress = 100;
        throttle.windowMinutes = 15;
        throttle.maxDelaySeconds = 300;
        throttle.maxSlowdownSeconds = 3;
        throttle.clock = TestClocks.following(now);
        throttle.init();
        return throttle;
    }
}
