package dev.oauth2jwt.throttling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.oauth2jwt.throttling.entity.FailureCounter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

    static final ThrottlePolicy POLICY = new ThrottlePolicy(10, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void theFirstFailuresUpToTheLimitAreFreeThenDelaysDouble() {
        FailureCounter counter = new FailureCounter("user:johndoe", 0);
        long now = 0;
        for (int i = 1; i <= 9; i++) {
            POLICY.recordFailure(counter, now);
            assertEquals(0, POLICY.blockedMillis(counter, now), "failure " + i + " blocks nothing yet");
        }
        POLICY.recordFailure(counter, now);
        assertEquals(1_000, POLICY.blockedMillis(counter, now), "the 10th failure: the next attempt waits 1 s");

        now += 1_000;
        POLICY.recordFailure(counter, now);
        assertEquals(2_000, POLICY.blockedMillis(counter, now));
        now += 2_000;
        POLICY.recordFailure(counter, now);
        assertEquals(4_000, POLICY.blockedMillis(counter, now));
    }

    @Test
    void delaysStopGrowingAtTheMaximum() {
        assertEquals(1_000, POLICY.delayMillis(0));
        assertEquals(256_000, POLICY.delayMillis(8));
        assertEquals(300_000, POLICY.delayMillis(9));
        assertEquals(300_000, POLICY.delayMillis(64));
        assertEquals(300_000, POLICY.delayMillis(Integer.MAX_VALUE));
    }

    @Test
    void aNewWindowStartsAfterTheOldOneHasPassed() {
        FailureCounter counter = new FailureCounter("user:johndoe", 0);
        for (int i = 0; i < 10; i++) {
            POLICY.recordFailure(counter, 0);
        }
        long later = Duration.ofMinutes(16).toMillis();

        POLICY.recordFailure(counter, later);

        assertEquals(1, counter.failures());
        assertEquals(0, POLICY.blockedMillis(counter, later));
    }

    @Test
    void theBlockEndsByItself() {
        FailureCounter counter = new FailureCounter("addr:192.0.2.1", 0);
        for (int i = 0; i < 10; i++) {
            POLICY.recordFailure(counter, 0);
        }

        assertEquals(0, POLICY.blockedMillis(counter, 1_000));
    }
}
