package io.recast.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void estimatesTheTimeLeftFromTheRangesDone() {
        assertEquals("ETA 30 s", ProgressBar.eta(16, 64, Duration.ofSeconds(10)));
        assertEquals("ETA 5 min 0 s", ProgressBar.eta(1, 11, Duration.ofSeconds(30)));
        assertEquals("ETA unknown", ProgressBar.eta(0, 64, Duration.ofSeconds(3)));
        assertEquals("done in 12 s", ProgressBar.eta(64, 64, Duration.ofMillis(12_400)));
    }

    @Test
    void withoutATerminalPrintsAPlainLineAtEachTenth() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "replay", false,
                java.util.Optional.empty());

        for (int done = 1; done <= 64; done++) {
            bar.rangeDone(done, 64, Duration.ofMillis(100L * done));
        }

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(11, output.lines().count(), output);
        assertTrue(output.lines().allMatch(line -> line.startsWith("  replay: ")), output);
        assertTrue(output.contains("64/64 token ranges (100%), done in 6 s"), output);
        assertTrue(!output.contains("\r"), "no carriage return outside a terminal");
    }

    @Test
    void onATerminalRedrawsOneLine() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "replay", true,
                java.util.Optional.empty());

        bar.rangeDone(32, 64, Duration.ofSeconds(4));
        bar.rangeDone(64, 64, Duration.ofSeconds(8));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("\r  replay [###############---------------] 32/64 ranges  50% ETA 4 s"), output);
        assertEquals(1, output.chars().filter(c -> c == '\n').count(), "one line, ended when the step is done");
        assertTrue(output.endsWith("64/64 ranges 100% done in 8 s\n"), output);
    }

    @Test
    void withACountOfEventsShowsThemAndTheirRate() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long[] events = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "rewrite", false,
                java.util.Optional.of(() -> events[0]));

        events[0] = 50_000;
        bar.rangeDone(32, 64, Duration.ofSeconds(2));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertEquals("  rewrite: 32/64 token ranges (50%), 50,000 events (25,000/s), ETA 2 s\n", output);
    }

    @Test
    void showsTheEventsThatTheRangesDoneHeldWhenTheRunCountsThem() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "tag views", true,
                java.util.Optional.empty());

        bar.rangeDone(16, 64, Duration.ofSeconds(4), 30_000);

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.endsWith("16/64 ranges  25% 30,000 events (7,500/s) ETA 12 s"), output);
    }
}
