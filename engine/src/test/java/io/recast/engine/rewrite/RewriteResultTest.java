package io.recast.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteResultTest {

    private static RewriteResult result(long eventsRead, long quarantined, List<UpcastFailure> contextFailures,
            Duration rewritePass) {
        return new RewriteResult(false, "checksum", eventsRead, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), quarantined,
                Map.of(), List.of(), contextFailures, List.of(), 0, Duration.ZERO, rewritePass);
    }

    private final UpcastFailure failure = new UpcastFailure(UpcastErrorCode.UPCASTER_FAILED, "c", "failed", null);

    @Test
    void isCleanWithoutQuarantinedEventsOrContextFailures() {
        assertTrue(result(10, 0, List.of(), Duration.ofSeconds(1)).clean());
        assertFalse(result(10, 1, List.of(), Duration.ofSeconds(1)).clean());
        assertFalse(result(10, 0, List.of(failure), Duration.ofSeconds(1)).clean());
    }

    @Test
    void givesTheEventsPerSecondOfTheRewritePass() {
        assertEquals(500.0, result(1000, 0, List.of(), Duration.ofSeconds(2)).eventsPerSecond(), 1e-9);
    }

    @Test
    void anInstantRewritePassCountsAsAMillisecond() {
        assertEquals(10_000.0, result(10, 0, List.of(), Duration.ZERO).eventsPerSecond(), 1e-9);
    }
}
