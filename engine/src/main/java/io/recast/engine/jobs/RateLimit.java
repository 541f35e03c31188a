package io.recast.engine.jobs;

import java.time.Duration;

/**
 * A limit of events per second shared by every thread of a replay: each {@link #acquire()} takes the next slot of
 * an evenly spaced schedule and waits for it. A caller that was late may catch up by at most {@code burst} worth of
 * slots, so the rate over any window longer than the burst stays at or under the limit.
 */
public final class RateLimit {

    /** Tells the time in nanoseconds and waits; the system's, or a test's. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }

    private final double perSecond;
    private final long intervalNanos;
    private final long burstNanos;
    private final Clock clock;
    private long nextSlot;

    /**
     * @param perSecond events per second, above 0
     * @param burst     how far a late caller may catch up
     */
    public RateLimit(double perSecond, Duration burst, Clock clock) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("--max-rate must be a positive number of events per second, was "
                    + perSecond);
        }
        this.perSecond = perSecond;
        this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        this.burstNanos = burst.toNanos();
        this.clock = clock;
        this.nextSlot = clock.nanoTime();
    }

    /** A limit of {@code perSecond} events per second, catching up by at most 50 ms. */
    public static RateLimit perSecond(double perSecond) {
        return new RateLimit(perSecond, Duration.ofMillis(50), Clock.SYSTEM);
    }

    public double perSecond() {
        return perSecond;
    }

    /** Waits for the next slot. */
    public void acquire() {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            nextSlot = Math.max(nextSlot, now - burstNanos);
            wait = nextSlot - now;
            nextSlot += intervalNanos;
        }
        if (wait > 0) {
            try {
                clock.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the rate limit", e);
            }
        }
    }
}
