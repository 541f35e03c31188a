package io.recast.adapters.cassandra;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write timestamps of fenced statements (the tag view rebuild's, the range projections' offsets), taken when the
 * fence allowed the write (microseconds since the epoch, increasing in this JVM as the driver's own generator does).
 * The driver would otherwise take one each time it sends the statement, retries included: a write that the fence
 * allowed just before a pause of the JVM, or that the driver sends again once it resumes, would then carry the time
 * after the pause, and win over the newer rows of a runner that took the lock over meanwhile. With the time of the
 * fence's check it loses to them.
 */
public final class WriteTimestamps {

    private static final AtomicLong LAST = new AtomicLong();

    private WriteTimestamps() {
    }

    /** Now, in microseconds, and more than any value returned before. */
    public static long next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return LAST.updateAndGet(last -> Math.max(micros, last + 1));
    }
}
