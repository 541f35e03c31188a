package io.recast.migrate;

import io.recast.projections.RangeProgress;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows a step's progress over token ranges: on a terminal, one line redrawn in place
 * ({@code [#########-----------] 29/64 ranges  45%  ETA 12 s}); elsewhere (CI, containers, files), a plain line
 * at every tenth of the ranges, so logs stay readable.
 */
public final class ProgressBar implements RangeProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String step;
    private final boolean terminal;
    private int lastTenth = -1;

    ProgressBar(PrintStream out, String step, boolean terminal) {
        this.out = out;
        this.step = step;
        this.terminal = terminal;
    }

    /** A bar when standard output is a terminal, plain lines otherwise. */
    public static ProgressBar of(PrintStream out, String step) {
        return new ProgressBar(out, step, System.console() != null && out == System.out);
    }

    @Override
    public synchronized void rangeDone(int done, int total, Duration elapsed) {
        String eta = eta(done, total, elapsed);
        if (terminal) {
            int filled = (int) ((long) WIDTH * done / Math.max(total, 1));
            out.printf("\r  %s [%s%s] %d/%d ranges %3d%% %s", step, "#".repeat(filled), "-".repeat(WIDTH - filled),
                    done, total, 100 * done / Math.max(total, 1), eta);
            if (done == total) {
                out.println();
            }
            out.flush();
            return;
        }
        int tenth = 10 * done / Math.max(total, 1);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf("  %s: %d/%d token ranges (%d%%), %s%n", step, done, total, 100 * done / Math.max(total, 1),
                    eta);
        }
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
