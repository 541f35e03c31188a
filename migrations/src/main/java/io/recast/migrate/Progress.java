package io.recast.migrate;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Progress lines: one every {@code step} events, with the rate. */
public final class Progress {

    private Progress() {
    }

    public static LongConsumer every(PrintStream out, long step) {
        long started = System.nanoTime();
        AtomicLong next = new AtomicLong(step);
        return done -> {
            long mark = next.get();
            if (done >= mark && next.compareAndSet(mark, (done / step + 1) * step)) {
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("  %,d events (%,.0f events/s)%n", done, done / Math.max(seconds, 1e-3));
            }
        };
    }
}
