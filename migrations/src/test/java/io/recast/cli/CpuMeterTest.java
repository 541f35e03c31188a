package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void measuresTheCpuTimeThisProcessSpendsInASection() {
        CpuMeter meter = new CpuMeter(Map.of("recast", ProcessHandle.current()));
        CpuMeter.Reading before = meter.read();
        long spinUntil = System.nanoTime() + Duration.ofMillis(300).toNanos();
        long sink = 0;
        while (System.nanoTime() < spinUntil) {
            sink += sink * 31 + 7;
        }
        CpuMeter.Usage usage = meter.read().since(before);

        assertNotEquals(1, sink);
        assertTrue(usage.of("recast") >= 0.2, "CPU seconds of a 300 ms spin: " + usage);
        assertEquals(usage.of("recast"), usage.total());
    }

    @Test
    void sumsAndSubtractsTheReadingsOfEachProcess() {
        CpuMeter.Reading start = new CpuMeter.Reading(Map.of("cassandra", Duration.ofMillis(1_000),
                "recast", Duration.ofMillis(500)));
        CpuMeter.Reading end = new CpuMeter.Reading(Map.of("cassandra", Duration.ofMillis(4_000),
                "recast", Duration.ofMillis(1_500), "elasticsearch", Duration.ofMillis(9_000)));

        CpuMeter.Usage usage = end.since(start);

        assertEquals(java.util.Set.of("cassandra", "recast"), usage.seconds().keySet());
        assertEquals(3.0, usage.of("cassandra"));
        assertEquals(4.0, usage.total());
        assertEquals(2.0, usage.plus(usage).of("recast"));
        assertEquals(0.0, usage.of("blazegraph"));
        assertEquals("cassandra 3.0 s, recast 1.0 s", usage.toString());
    }

    @Test
    void leavesOutAProcessThatIsGone() {
        ProcessHandle gone = ProcessHandle.of(Long.MAX_VALUE).orElse(null);
        Map<String, ProcessHandle> processes = new java.util.HashMap<>();
        processes.put("recast", ProcessHandle.current());
        if (gone != null) {
            processes.put("gone", gone);
        }

        assertEquals(java.util.Set.of("recast"), new CpuMeter(processes).names());
    }
}
