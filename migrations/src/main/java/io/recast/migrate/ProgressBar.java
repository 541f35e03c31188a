package io.recast.migrate;

import io.recast.projections.RangeProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Shows a step's progress over token ranges: on a terminal, one line redrawn in place
 * ({@code [#########-----------] 29/64 ranges  45%  ETA 12 s}); elsewhere (CI, containers, files), a plain line
 * at every tenth of the ranges, so logs stay readable. Given a count of events, it shows them and their rate too.
 */
public final class ProgressBar implements RangeProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String step;
    private final boolean terminal;
    private final Optional<LongSupplier> events;
    private int lastTenth = -1;

    ProgressBar(PrintStream out, String step, boolean terminal, Optional<LongSupplier> events) {
        this.out = out;
        this.step = step;
        this.terminal = terminal;
        this.events = events;
    }

    /** A bar when standard output is a terminal, plain lines otherwise. */
    public static ProgressBar of(PrintStream out, String step) {
        return new ProgressBar(out, step, onTerminal(out), Optional.empty());
    }

    /** As {@link #of(PrintStream, String)}, with the events done so far and their rate. */
    public static ProgressBar of(PrintStream out, String step, LongSupplier eventsSoFar) {
        return new ProgressBar(out, step, onTerminal(out), Optional.of(eventsSoFar));
    }

    private static boolean onTerminal(PrintStream out) {
        return System.console() != null && out == System.out;
    }

    @Override
    public void rangeDone(int done, int total, Duration elapsed) {
        show(done, total, elapsed, events.map(LongSupplier::getAsLong));
    }

    @Override
    public void rangeDone(int done, int total, Duration elapsed, long eventsSoFar) {
        show(done, total, elapsed, Optional.of(eventsSoFar));
    }

    private synchronized void show(int done, int total, Duration elapsed, Optional<Long> eventsSoFar) {
        String eta = eta(done, total, elapsed);
        String rate = eventsSoFar.map(n -> rate(n, elapsed)).orElse("");
        if (terminal) {
            int filled = (int) ((long) WIDTH * done / Math.max(total, 1));
            out.printf("\r  %s [%s%s] %d/%d ranges %3d%%%s %s", step, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), done, total, 100 * done / Math.max(total, 1),
                    rate.isEmpty() ? "" : " " + rate, eta);
            if (done == total) {
                out.println();
            }
            out.flush();
            return;
        }
        int tenth = 10 * done / Math.max(total, 1);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf("  %s: %d/%d token ranges (%d%%)%s, %s%n", step, done, total,
                    100 * done / Math.max(total, 1), rate.isEmpty() ? "" : ", " + rate, eta);
        }
    }

    /** {@code "120,000 events (40,000/s)"}. */
    private static String rate(long events, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format("%,d events (%,.0f/s)", events, events / seconds);
    }

    /** The time left if the remaining ranges go as fast as those done by this run so far. */
    static String eta(int done, int total, Duration elapsed) {
        if (done >= total) {
            return "done in " + seconds(elapsed);
        }
        if (done == 0 || elapsed.isZero()) {
            return "ETA unknown";
        }
        long left = elapsed.toMillis() * (total - done) / done;
        return "ETA " + seconds(Duration.ofMillis(left));
    }

    private static String seconds(Duration duration) {
        long s = Math.round(duration.toMillis() / 1000.0);
        return s >= 120 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
