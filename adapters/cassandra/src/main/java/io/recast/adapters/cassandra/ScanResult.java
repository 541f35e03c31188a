package io.recast.adapters.cassandra;

import java.time.Duration;
import java.util.Objects;

/**
 * What a completed {@link TokenRangeScanner} scan did.
 *
 * @param rows          the rows delivered to the consumer
 * @param rangesScanned the token ranges read
 * @param rangesSkipped the token ranges skipped because the caller had already done them
 * @param duration      the wall-clock time of the scan
 */
public record ScanResult(long rows, int rangesScanned, int rangesSkipped, Duration duration) {

    public ScanResult {
        Objects.requireNonNull(duration, "duration");
    }

    /** Rows per second over the whole scan (0 when it took no measurable time). */
    public double rowsPerSecond() {
        long nanos = duration.toNanos();
        return nanos == 0 ? 0 : rows * 1_000_000_000.0 / nanos;
    }
}
