package io.recast.engine.migration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A migration lock held by this runner: a heartbeat renews its lease every third of the lease, on a daemon thread,
 * until {@link #close()} stops it and releases the lock.
 *
 * <pre>{@code
 * try (HeldLock held = HeldLock.acquire(lock, new LockRequest("pekko", OwnerIds.thisProcess(), lease))) {
 *     for (Step step : steps) {
 *         held.checkHeld();
 *         step.run();
 *     }
 * }
 * }</pre>
 *
 * <p>The runner calls {@link #checkHeld()} before each unit of work: it throws once a renewal found the lock in other
 * hands, and also once no renewal has succeeded for a whole lease (the store was unreachable, or this JVM paused), as
 * another runner may then have taken the lock over.
 *
 * <p>Writers check the {@link #fence()} before each write ({@link #confirmHeld()}): while the last successful renewal
 * was sent less than three quarters of a lease ago that costs nothing (nobody can take the lock over before that
 * renewal's lease ends); once it is older (this JVM was paused, or the store did not answer) the fence has the
 * heartbeat renew at once and waits for the answer, so that a runner paused past its lease finds out that another
 * runner took the lock over before it writes again, and a runner that merely waited out an outage of the store goes
 * on (a renewal that succeeds proves that nobody else held the lock meanwhile).
 */
public final class HeldLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldLock.class);
    private static final long MAX_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MigrationLock lock;
    private final LockLease lease;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean renewalRequested = new AtomicBoolean();
    private final Object confirmations = new Object();
    /** {@link System#nanoTime()} when the last successful acquire or renewal was sent. */
    private volatile long confirmedAt;
    private volatile RenewResult.Lost lost;
    private volatile String lastRenewalError;

    private HeldLock(MigrationLock lock, LockLease lease, long confirmedAt) {
        this.lock = lock;
        this.lease = lease;
        this.confirmedAt = confirmedAt;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "migration-lock-heartbeat-" + lease.lockName());
            thread.setDaemon(true);
            return thread;
        });
        long period = renewalPeriodNanos(lease.lease());
        heartbeat.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Takes the lock now and starts its heartbeat.
     *
     * @throws LockRefusedException if another runner holds it
     */
    public static HeldLock acquire(MigrationLock lock, LockRequest request) {
        long sentAt = System.nanoTime();
        LockAttempt attempt = lock.tryAcquire(request);
        if (attempt instanceof LockAttempt.Acquired acquired) {
            return new HeldLock(lock, acquired.lease(), sentAt);
        }
        throw new LockRefusedException((LockAttempt.Refused) attempt, Duration.ZERO);
    }

    /**
     * Takes the lock, waiting up to {@code maxWait} for its holder to release it or for its lease to expire (asking
     * every third of the requested lease, at most every second), and starts its heartbeat.
     *
     * @throws LockRefusedException if another runner still holds it after {@code maxWait}
     * @throws InterruptedException if interrupted while waiting
     */
    public static HeldLock acquire(MigrationLock lock, LockRequest request, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long poll = Math.min(renewalPeriodNanos(request.lease()), MAX_POLL_NANOS);
        while (true) {
            long sentAt = System.nanoTime();
            LockAttempt attempt = lock.tryAcquire(request);
            if (attempt instanceof LockAttempt.Acquired acquired) {
                return new HeldLock(lock, acquired.lease(), sentAt);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LockRefusedException((LockAttempt.Refused) attempt, maxWait);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, poll));
        }
    }

    /** The fence that writers check before each write: {@link #confirmHeld()}. */
    public WriteFence fence() {
        return this::confirmHeld;
    }

    /**
     * Returns when this runner may write now: the lock is neither lost nor released, and a renewal sent less than
     * three quarters of a lease ago succeeded (nobody can take the lock over before that renewal's lease ends).
     * Otherwise (this JVM was paused, or renewals did not get through) it asks the heartbeat to renew at once and
     * waits for the outcome, up to one lease.
     *
     * @throws LockLostException        if the lock was released, or the renewal found it in other hands
     * @throws LockUnconfirmedException if no renewal succeeded within a lease of waiting (the store does not
     *                                  answer): wait for it and check again, or stop
     */
    public void confirmHeld() {
        failIfReleasedOrLost();
        long unconfirmed = System.nanoTime() - confirmedAt;
        if (unconfirmed < trustedNanos()) {
            return;
        }
        long deadline = System.nanoTime() + lease.lease().toNanos();
        while (true) {
            requestRenewal();
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockUnconfirmedException("Interrupted while confirming migration lock '"
                        + lease.lockName() + "'");
            }
            failIfReleasedOrLost();
            if (System.nanoTime() - confirmedAt < trustedNanos()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                String error = lastRenewalError;
                throw new LockUnconfirmedException("Could not confirm migration lock '" + lease.lockName()
                        + "' (fencing token " + lease.fencingToken() + ") before writing: no renewal succeeded for "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - confirmedAt) + " ms (lease "
                        + lease.lease().toMillis() + " ms" + (error == null ? "" : "; last renewal failed: " + error)
                        + "). Check that the lock's store is reachable, then run again.");
            }
        }
    }

    /** Has the heartbeat renew now (once, however many writers ask). */
    private void requestRenewal() {
        if (renewalRequested.compareAndSet(false, true)) {
            try {
                heartbeat.execute(() -> {
                    renewalRequested.set(false);
                    renew();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                renewalRequested.set(false);
            }
        }
    }

    private long trustedNanos() {
        return Math.max(1, lease.lease().toNanos() / 4 * 3);
    }

    private void confirm(long sentAt) {
        synchronized (confirmations) {
            if (sentAt - confirmedAt > 0) {
                confirmedAt = sentAt;
            }
        }
    }

    private void failIfReleasedOrLost() {
        if (closed.get()) {
            throw new LockLostException("Migration lock '" + lease.lockName() + "' was released by this runner;"
                    + " acquire it again to go on migrating");
        }
        RenewResult.Lost lostTo = lost;
        if (lostTo != null) {
            throw new LockLostException(lostTo.describe() + ". This runner stopped writing: another runner may be"
                    + " migrating. Check `recast status`; run again once the other runner is done, to resume.");
        }
    }


    /** The lease this runner holds the lock under; its fencing token identifies this holding. */
    public LockLease lease() {
        return lease;
    }

    /**
     * Checks that the lock is still this runner's; call it before each unit of work.
     *
     * @throws IllegalStateException if the lock was released, was lost to another holder (named in the message), or
     *                               has not been renewed for a whole lease
     */
    public void checkHeld() {
        failIfReleasedOrLost();
        long unconfirmed = System.nanoTime() - confirmedAt;
        if (unconfirmed >= lease.lease().toNanos()) {
            String error = lastRenewalError;
            throw new IllegalStateException("Migration lock '" + lease.lockName() + "' (fencing token "
                    + lease.fencingToken() + ") has not been renewed for " + TimeUnit.NANOSECONDS.toMillis(unconfirmed)
                    + " ms, longer than its lease of " + lease.lease().toMillis() + " ms"
                    + (error == null ? " (a long pause of this JVM?)" : " (last renewal failed: " + error + ")")
                    + ": another runner may have taken it over. Stop this run, check that the lock's store is"
                    + " reachable, and run again.");
        }
    }

    /** Stops the heartbeat and releases the lock, unless it was lost; a failed release leaves it to expire. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdown();
        try {
            if (!heartbeat.awaitTermination(lease.lease().toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("The heartbeat of migration lock '{}' did not stop within its lease", lease.lockName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lost == null) {
            try {
                lock.release(lease);
            } catch (RuntimeException e) {
                log.warn("Could not release migration lock '{}' ({}); it frees itself when its lease of {} ms expires",
                        lease.lockName(), e.toString(), lease.lease().toMillis());
            }
        }
    }

    private void renew() {
        long sentAt = System.nanoTime();
        RenewResult result;
        try {
            result = lock.renew(lease);
        } catch (RuntimeException e) {
            lastRenewalError = e.toString();
            log.warn("Could not renew migration lock '{}' (fencing token {}): {}; trying again in a third of the"
                    + " lease", lease.lockName(), lease.fencingToken(), e.toString());
            return;
        }
        if (result instanceof RenewResult.Lost lostTo) {
            lost = lostTo;
            log.error("{}; this runner stops writing", lostTo.describe());
            heartbeat.shutdown();
        } else {
            confirm(sentAt);
            lastRenewalError = null;
        }
    }

    private static long renewalPeriodNanos(Duration lease) {
        return Math.max(1, lease.toNanos() / 3);
    }
}
