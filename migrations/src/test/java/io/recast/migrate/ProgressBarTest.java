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
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "replay", false);

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
        ProgressBar bar = new ProgressBar(new PrintStream(buffer, true, StandardCharsets.UTF_8), "replay", true);

        bar.rangeDone(32, 64, Duration.ofSeconds(4));
        bar.rangeDone(64, 64, Duration.ofSeconds(8));

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("\r  replay [###############---------------] 32/64 ranges  50% ETA 4 s"), output);
        assertEquals(1, output.chars().filter(c -> c == '\n').count(), "one line, ended when the step is done");
        assertTrue(output.endsWith("64/64 ranges 100% done in 8 s\n"), output);
    }
}
