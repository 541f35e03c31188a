package io.recast.projections.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SharedViewReplayTest {

    @Test
    void aRangeResultComesBackFromTheLedgerAsItWasRecorded() {
        ViewReplay.RangeResult result = new ViewReplay.RangeResult(17, 1_234,
                new ViewWriter.Counts(120, 1_234, 118, 2, 118, List.of(
                        new ViewRejection("resource-ä|1 x", 7, "elasticsearch", "mapper_parsing_exception: \"x\""))),
                Duration.ofMillis(4_321));

        ViewReplay.RangeResult decoded = SharedViewReplay.CODEC.decode(SharedViewReplay.CODEC.encode(result));

        assertEquals(result, decoded);
    }

    @Test
    void theWorkOfARunComesBackFromItsText() {
        SharedViewReplay.Work work = new SharedViewReplay.Work(Map.of("elasticsearch:kg_resources", "kg_resources_v3",
                "rdf:kg", "kg_v2"), 500, OptionalDouble.of(250.0));

        SharedViewReplay.Work decoded = SharedViewReplay.Work.fromText(work.toText());

        assertEquals(work, decoded);
    }

    @Test
    void workWithoutARateLimitHasNone() {
        SharedViewReplay.Work work = new SharedViewReplay.Work(Map.of("rdf:kg", "kg_v2"), 1000);

        assertTrue(SharedViewReplay.Work.fromText(work.toText()).maxRatePerNode().isEmpty());
    }
}
