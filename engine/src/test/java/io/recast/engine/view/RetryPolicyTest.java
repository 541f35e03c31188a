package io.recast.engine.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(700),
            Duration.ofSeconds(5));

    @Test
    void doublesTheDelayUpToTheMaximum() {
        assertEquals(Duration.ofMillis(100), policy.delayBefore(1));
        assertEquals(Duration.ofMillis(200), policy.delayBefore(2));
        assertEquals(Duration.ofMillis(400), policy.delayBefore(3));
        assertEquals(Duration.ofMillis(700), policy.delayBefore(4));
        assertEquals(Duration.ofMillis(700), policy.delayBefore(60));
    }

    @Test
    void refusesAMaximumBelowTheFirstDelay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("firstDelay <= maxDelay"), e.getMessage());
    }

    @Test
    void outcomesAddUp() {
        WriteOutcome sum = new WriteOutcome(2, 1, List.of(new RejectedDocument("a", "bad")))
                .plus(new WriteOutcome(3, 0, List.of(new RejectedDocument("b", "worse"))));
        assertEquals(5, sum.written());
        assertEquals(1, sum.stale());
        assertEquals(List.of("a", "b"), sum.rejected().stream().map(RejectedDocument::id).toList());
    }
}
