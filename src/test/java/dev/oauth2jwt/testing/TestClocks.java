package dev.oauth2jwt.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** Clocks for tests that move time themselves. */
public final class TestClocks {

    private TestClocks() {
    }

    /** A UTC clock that tells whatever {@code now} gives at each reading: a test moves time by changing its field. */
    public static Clock following(Supplier<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
