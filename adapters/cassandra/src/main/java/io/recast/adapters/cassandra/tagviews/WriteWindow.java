package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.recast.adapters.cassandra.WriteTimestamps;
import io.recast.engine.migration.LockLostException;
import io.recast.engine.migration.LockUnconfirmedException;
import io.recast.engine.migration.WriteFence;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous idempotent writes with at most a fixed number in flight: {@link #submit} blocks while the window is
 * full, which slows the token range scan down to the speed Cassandra writes at. A write that fails with a driver
 * error other than an invalid query is retried, with a growing back-off; once a write has failed for good, every
 * later {@link #submit} throws, so that the rebuild stops quickly.
 *
 * <p>The {@link WriteFence} is checked before each write is handed to the driver, its retries included: once the
 * runner lost its lock, no new write starts (the fence's own exception is thrown, or fails the write). Each write
 * carries the time of that check as its timestamp, its retries too ({@link WriteTimestamps}).
 */
final class WriteWindow {

    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final CqlSession session;
    private final int capacity;
    private final int retries;
    private final Semaphore permits;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final WriteFence fence;

    WriteWindow(CqlSession session, int capacity, int retries) {
        this(session, capacity, retries, WriteFence.NONE);
    }

    WriteWindow(CqlSession session, int capacity, int retries, WriteFence fence) {
        this.session = session;
        this.fence = java.util.Objects.requireNonNull(fence, "fence");
        this.capacity = capacity;
        this.retries = retries;
        this.permits = new Semaphore(capacity);
    }

    /**
     * Starts a write once the window has room. The future completes when the write has succeeded (after retries) or
     * failed for good.
     *
     * @throws WriteFailedException if an earlier write has failed for good
     * @throws LockLostException    if the fence says that this runner lost its lock (nothing is written)
     * @throws InterruptedException if interrupted while waiting for room
     */
    CompletableFuture<Void> submit(Statement<?> statement) throws InterruptedException {
        checkNoFailure();
        permits.acquire();
        CompletableFuture<Void> write;
        try {
            fence.check();
            // the time of the check, for every attempt: see WriteTimestamps
            write = execute(statement.setQueryTimestamp(WriteTimestamps.next()), 1);
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        return write.whenComplete((done, error) -> {
            permits.release();
            if (error != null) {
                failure.compareAndSet(null, unwrap(error));
            }
        });
    }

    /** Throws if a write has failed for good (the fence's own exception as it is, when that stopped a retry). */
    void checkNoFailure() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw failed(failed);
        }
    }

    /**
     * Waits until no write is in flight (for at most {@code timeout}).
     *
     * @return whether the window emptied in time
     */
    boolean awaitIdle(Duration timeout) {
        boolean interrupted = false;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    if (permits.tryAcquire(capacity, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        permits.release(capacity);
                        return true;
                    }
                    return false;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompletableFuture<Void> execute(Statement<?> statement, int attempt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.executeAsync(statement).whenComplete((result, error) -> {
            if (error == null) {
                done.complete(null);
                return;
            }
            Throwable cause = unwrap(error);
            if (attempt > retries || !retriable(cause)) {
                done.completeExceptionally(cause);
                return;
            }
            long backoff = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt - 1, 10));
            CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS).execute(() -> {
                try {
                    fence.check();
                } catch (RuntimeException fenced) {
                    done.completeExceptionally(fenced);
                    return;
                }
                execute(statement, attempt + 1).whenComplete((retried, retryError) -> {
                    if (retryError == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(unwrap(retryError));
                    }
                });
            });
        });
        return done;
    }

    private static boolean retriable(Throwable failure) {
        return failure instanceof DriverException && !(failure instanceof QueryValidationException);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * What to throw for a write that failed for good: the fence's own exception as it is (the runner lost its lock),
     * otherwise a {@link WriteFailedException}.
     */
    static RuntimeException failed(Throwable cause) {
        Throwable root = unwrap(cause);
        if (root instanceof LockLostException || root instanceof LockUnconfirmedException) {
            return (RuntimeException) root;
        }
        return new WriteFailedException(root);
    }

    /** A write of the rebuild failed after its retries. */
    static final class WriteFailedException extends RuntimeException {
        WriteFailedException(Throwable cause) {
            super("A tag view write failed: " + cause, cause);
        }
    }
}
