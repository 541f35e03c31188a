package io.recast.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    /** A clock that only moves when someone sleeps (or the test says so). */
    private static final class FakeClock implements RateLimit.Clock {
        long now = 1_000_000_000L;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void eventsAreSpacedSoThatTheRateDoesNotExceedTheLimit() {
        FakeClock clock = new FakeClock();
        RateLimit limit = new RateLimit(200, Duration.ZERO, clock);
        long start = clock.now;

        for (int i = 0; i < 1_000; i++) {
            limit.acquire();
        }

        double seconds = (clock.now - start) / 1e9;
        assertEquals(999 / 200.0, seconds, 0.001, "the 1000th event waits for its slot");
        assertTrue(1_000 / seconds <= 200 * 1.01, "rate " + 1_000 / seconds);
    }

    @Test
    void aCallerThatWasLateCatchesUpByAtMostTheBurst() {
        FakeClock clock = new FakeClock();
        RateLimit limit = new RateLimit(100, Duration.ofMillis(50), clock);
        limit.acquire();
        clock.now += 2_000_000_000L; // two idle seconds

        long before = clock.slept;
        for (int i = 0; i < 10; i++) {
            limit.acquire();
        }

        // the 5 slots of the 50 ms burst and the one due now are free, the other 4 wait 10 ms each
        assertEquals(40_000_000L, clock.slept - before);
    }

    @Test
    void aLimitThatIsNotPositiveIsRefusedNamingTheOption() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new RateLimit(0, Duration.ZERO, new FakeClock()));
        assertTrue(refused.getMessage().contains("--max-rate"), refused.getMessage());
    }
}
