package io.recast.engine.view;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a sink keeps retrying a batch that failed for a transient reason (server down, timeout, HTTP 429 or 5xx):
 * exponential backoff from {@code firstDelay} doubling up to {@code maxDelay}, giving up once {@code giveUpAfter} has
 * passed since the first failure.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
    }

    /** 200 ms doubling up to 10 s, for at most 5 minutes. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delayBefore(int attempt) {
        long millis = firstDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
