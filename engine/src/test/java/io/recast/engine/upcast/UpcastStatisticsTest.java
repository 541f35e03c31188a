package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UpcastStatisticsTest {

    private final StoredEvent source = event("A@1.0", "{}");
    private final StoredEvent output = event("A@1.1", "{}");

    private UpcastOutcome mapped() {
        return new UpcastOutcome.Upcast(source, List.of(output), List.of("A_1_0_to_1_1"));
    }

    private UpcastOutcome dropped() {
        return new UpcastOutcome.Upcast(source, List.of(), List.of("Drop"));
    }

    private UpcastOutcome split() {
        return new UpcastOutcome.Upcast(source, List.of(output, output, output), List.of("Split", "A_1_0_to_1_1"));
    }

    private UpcastOutcome failed(UpcastErrorCode code) {
        return new UpcastOutcome.Failed(source, new UpcastFailure(code, null, "m", null));
    }

    @Test
    void countsEachOutcomeOnceByKind() {
        UpcastStatistics statistics = new UpcastStatistics()
                .record(new UpcastOutcome.Unchanged(source))
                .record(mapped())
                .record(mapped())
                .record(dropped())
                .record(split())
                .record(failed(UpcastErrorCode.MALFORMED_PAYLOAD))
                .record(failed(UpcastErrorCode.MISSING_UPCASTER))
                .record(failed(UpcastErrorCode.MISSING_UPCASTER));

        assertEquals(1, statistics.unchanged());
        assertEquals(2, statistics.upcast());
        assertEquals(1, statistics.dropped());
        assertEquals(1, statistics.split());
        assertEquals(3, statistics.splitOutputs());
        assertEquals(3, statistics.failed());
        assertEquals(2, statistics.failed(UpcastErrorCode.MISSING_UPCASTER));
        assertEquals(0, statistics.failed(UpcastErrorCode.UNKNOWN_REVISION));
        assertEquals(Map.of(UpcastErrorCode.MALFORMED_PAYLOAD, 1L, UpcastErrorCode.MISSING_UPCASTER, 2L),
                statistics.failedByCode());
        assertEquals(8, statistics.total());
        assertEquals(1 + 2 + 3 + 3, statistics.eventsAfter());
    }

    @Test
    void countsTheEventsEachUpcasterTookPartIn() {
        UpcastStatistics statistics = new UpcastStatistics().record(mapped()).record(split()).record(dropped());

        assertEquals(Map.of("A_1_0_to_1_1", 2L, "Split", 1L, "Drop", 1L), statistics.appliedByUpcaster());
    }

    @Test
    void countsCorrectlyFromSeveralThreads() {
        UpcastStatistics statistics = new UpcastStatistics();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    statistics.record(mapped()).record(failed(UpcastErrorCode.UPCASTER_FAILED));
                }
            }));
        }
        workers.forEach(CompletableFuture::join);

        assertEquals(8000, statistics.upcast());
        assertEquals(8000, statistics.failed(UpcastErrorCode.UPCASTER_FAILED));
        assertEquals(Map.of("A_1_0_to_1_1", 8000L), statistics.appliedByUpcaster());
    }

    @Test
    void summarisesOnOneLine() {
        String text = new UpcastStatistics().record(mapped()).toString();

        assertEquals("UpcastStatistics(total=1, unchanged=0, upcast=1, dropped=0, split=0 into 0, failed={})", text);
    }
}
