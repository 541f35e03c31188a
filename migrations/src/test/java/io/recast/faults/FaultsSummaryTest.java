package io.recast.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FaultsSummaryTest {

    @Test
    void sumsUpWhatWasRecordedNamingTheKindsThatFailed() {
        FaultsSummary.crashResume(20, 0);
        FaultsSummary.outage("cassandra restarted", true);
        FaultsSummary.outage("runner paused", false);
        FaultsSummary.outage("runner paused", true);
        FaultsSummary.badInput("malformed", true, 0);
        FaultsSummary.badInput("4 MB payload", true, 1);

        assertEquals("crash-resume: 20 runs, 0 diffs; outages: 1 of 2 kinds survived (not: runner paused);"
                + " bad inputs: 2 kinds quarantined or rewritten as documented, 1 lost", FaultsSummary.line());
    }
}
