package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import com.datastax.oss.driver.api.core.servererrors.BootstrappingException;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.QueryConsistencyException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.view.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a Cassandra that went away: an operation that fails because no node answers (stopped, restarting,
 * unreachable, timed out, overloaded) is tried again with exponential backoff ({@link RetryPolicy#delayBefore}, 200 ms
 * doubling up to 10 s) until it succeeds or {@link RetryPolicy#giveUpAfter()} has passed since its first failure; then
 * it fails with a {@link CassandraUnavailableException} naming the server and {@value #SETTING}. Each wait is logged
 * with what it waits for. Only idempotent statements go through it (Recast's reads, upserts, unlogged single-partition
 * batches and deletions at fixed write times all are).
 *
 * <p>Writes check a {@link WriteFence} before every attempt, the first included, so that a runner that lost its lock
 * during an outage (or while its JVM was paused) sends nothing more.
 */
public final class CassandraRetry {

    /** The setting that bounds the wait, for messages. */
    public static final String SETTING = "recast.cassandra.give-up-after";
    /** The default limit: five minutes. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CassandraRetry.class);
    /** One line about waiting (or recovering) every so often, not one per operation and attempt. */
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final java.util.concurrent.atomic.AtomicLong lastWaitLogged = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime() - LOG_EVERY_NANOS);
    private static final java.util.concurrent.atomic.AtomicLong lastRecoveryLogged =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private static final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** Fenced writes check the fence and send from here, never from a driver thread. */
    private static final java.util.concurrent.ExecutorService FENCED_WRITES = java.util.concurrent.Executors
            .newFixedThreadPool(8, daemonThreads("recast-fenced-write"));
    /** Retries are sent from here once their delay has passed. */
    private static final java.util.concurrent.ExecutorService RETRIES = java.util.concurrent.Executors
            .newFixedThreadPool(2, daemonThreads("recast-cassandra-retry"));

    private final CqlSession session;
    private final RetryPolicy policy;
    private final WriteFence fence;

    /**
     * @param giveUpAfter how long an operation may keep failing for want of Cassandra before the run fails
     * @param fence       checked before each attempt of a write
     */
    public CassandraRetry(CqlSession session, Duration giveUpAfter, WriteFence fence) {
        this.session = session;
        this.policy = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), giveUpAfter);
        this.fence = fence;
    }

    /** Whether a failure means Cassandra (or enough of it) did not answer, rather than that the request was wrong. */
    public static boolean serverUnavailable(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof NoNodeAvailableException
                || cause instanceof io.recast.engine.migration.LockUnconfirmedException
                || cause instanceof AllNodesFailedException
                || cause instanceof DriverTimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof HeartbeatException
                || cause instanceof UnavailableException
                || cause instanceof QueryConsistencyException
                || cause instanceof OverloadedException
                || cause instanceof BootstrappingException;
    }

    /** Reads (no fence), waiting out an outage. */
    public <T> T read(String what, Supplier<T> attempt) {
        return call(what, attempt, false);
    }

    /** Writes, checking the fence before each attempt and waiting out an outage. */
    public <T> T write(String what, Supplier<T> attempt) {
        return call(what, attempt, true);
    }

    /** An asynchronous write (or read, with {@code fenced} false): the stage completes once an attempt succeeded. */
    public <T> CompletableFuture<T> async(String what, boolean fenced, Supplier<? extends CompletionStage<T>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attemptAsync(what, fenced, attempt, result, 1, System.nanoTime());
        return result;
    }

    private <T> void attemptAsync(String what, boolean fenced, Supplier<? extends CompletionStage<T>> attempt,
                                  CompletableFuture<T> result, int attemptNr, long firstTry) {
        if (fenced) {
            // the fence may wait for a renewal of the lock, which the driver's own threads must never do
            CompletableFuture.supplyAsync(() -> {
                fence.check();
                return attempt.get();
            }, FENCED_WRITES).thenCompose(stage -> stage)
                    .whenComplete((value, failure) -> onAttempt(what, fenced, attempt, result, attemptNr, firstTry,
                            value, failure));
            return;
        }
        CompletionStage<T> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> onAttempt(what, false, attempt, result, attemptNr, firstTry, value,
                failure));
    }

    private <T> void onAttempt(String what, boolean fenced, Supplier<? extends CompletionStage<T>> attempt,
                               CompletableFuture<T> result, int attemptNr, long firstTry, T value, Throwable failure) {
        if (failure == null) {
            if (attemptNr > 1) {
                recovered(what, firstTry);
            }
            result.complete(value);
            return;
        }
        RuntimeException giveUp = giveUpOrWait(what, failure, attemptNr, firstTry, false);
        if (giveUp != null) {
            result.completeExceptionally(giveUp);
            return;
        }
        CompletableFuture.delayedExecutor(policy.delayBefore(attemptNr).toMillis(), TimeUnit.MILLISECONDS,
                        RETRIES)
                .execute(() -> attemptAsync(what, fenced, attempt, result, attemptNr + 1, firstTry));
    }

    private <T> T call(String what, Supplier<T> attempt, boolean fenced) {
        long firstTry = System.nanoTime();
        for (int attemptNr = 1; ; attemptNr++) {
            try {
                if (fenced) {
                    fence.check();
                }
                T value = attempt.get();
                if (attemptNr > 1) {
                    recovered(what, firstTry);
                }
                return value;
            } catch (RuntimeException e) {
                RuntimeException giveUp = giveUpOrWait(what, e, attemptNr, firstTry, true);
                if (giveUp != null) {
                    throw giveUp;
                }
            }
        }
    }

    /**
     * The exception to fail with, or null after waiting (when {@code sleep}) or to wait (asynchronously) before the
     * next attempt.
     */
    private RuntimeException giveUpOrWait(String what, Throwable failure, int attemptNr, long firstTry,
                                          boolean sleep) {
        Throwable cause = unwrap(failure);
        if (!serverUnavailable(cause)) {
            if (attemptNr > 1) {
                waiting.decrementAndGet();
            }
            return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        long failingMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstTry);
        Duration delay = policy.delayBefore(attemptNr);
        if (failingMillis + delay.toMillis() > policy.giveUpAfter().toMillis()) {
            if (attemptNr > 1) {
                waiting.decrementAndGet();
            }
            return new CassandraUnavailableException("Cassandra at " + server() + " did not answer for "
                    + failingMillis + " ms while " + what + " (" + describe(cause) + "); gave up after " + SETTING
                    + " = " + policy.giveUpAfter() + ". Nothing unwritten was checkpointed: once Cassandra is back,"
                    + " run the same command again to resume, or raise " + SETTING
                    + " (RECAST_CASSANDRA_GIVE_UP_AFTER) to wait longer.", cause);
        }
        if (attemptNr == 1) {
            waiting.incrementAndGet();
        }
        if (shouldLog(lastWaitLogged)) {
            log.warn("Cassandra at {} does not answer ({}) while {}: waiting {} ms before try {} ({} ms so far; {}"
                            + " operations waiting; giving up after {} = {})", server(), describe(cause), what,
                    delay.toMillis(), attemptNr + 1, failingMillis, waiting.get(), SETTING, policy.giveUpAfter());
        }
        if (sleep) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("Interrupted while waiting for Cassandra at " + server()
                        + " (" + what + ")", e);
            }
        }
        return null;
    }

    private void recovered(String what, long firstTry) {
        int stillWaiting = waiting.decrementAndGet();
        if (shouldLog(lastRecoveryLogged) || stillWaiting == 0) {
            log.info("Cassandra at {} answers again: {} succeeded after {} ms ({} operations still waiting)", server(),
                    what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstTry), Math.max(0, stillWaiting));
        }
    }

    /** Whether a line about waiting may be logged now: at most one every two seconds per kind. */
    static boolean shouldLog(java.util.concurrent.atomic.AtomicLong last) {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now);
    }

    /** Whether a page read's wait may be logged now (shared with {@link TokenRangeScanner}). */
    static boolean shouldLogWait() {
        return shouldLog(lastWaitLogged);
    }

    /** The nodes the session knows, for messages. */
    public String server() {
        return server(session);
    }

    /** The nodes a session knows ({@code [host:port, ...]}), for messages. */
    public static String server(CqlSession session) {
        try {
            return session.getMetadata().getNodes().values().stream()
                    .map(node -> node.getEndPoint().toString().replaceFirst("^/", ""))
                    .sorted().collect(Collectors.joining(", ", "[", "]"));
        } catch (RuntimeException e) {
            return "(the configured contact points)";
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String describe(Throwable cause) {
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
