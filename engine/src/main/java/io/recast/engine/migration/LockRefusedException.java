package io.recast.engine.migration;

import java.time.Duration;

/**
 * Thrown by {@link HeldLock#acquire} when another runner holds the lock (still, after waiting, if it waited). The
 * message names the holder and what the operator can do.
 */
public class LockRefusedException extends RuntimeException {

    /** Who holds the lock. */
    private final transient LockHolder holder;

    /**
     * Creates the exception.
     *
     * @param refused the last refused attempt
     * @param waited  how long the caller waited for the lock; zero when it did not wait
     */
    public LockRefusedException(LockAttempt.Refused refused, Duration waited) {
        super((waited.isZero() ? "" : "Waited " + waited.toMillis() + " ms for the lock in vain. ")
                + refused.describe());
        this.holder = refused.holder();
    }

    /** Who holds the lock. */
    public LockHolder holder() {
        return holder;
    }
}
