package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the whole {@code messages} table of a journal keyspace, token range by token range, several ranges at a time.
 *
 * <p>The Murmur3 ring is split into {@link Settings#rangeCount()} ranges ({@link TokenRanges#split(int)}); at most
 * {@link Settings#maxInFlight()} of them are read at once, each by its own worker thread with
 * {@code SELECT ... FROM <keyspace>.messages WHERE token(persistence_id, partition_nr) > ? AND
 * token(persistence_id, partition_nr) <= ?} ({@code >=} for the range that starts at {@link Long#MIN_VALUE}), paged
 * with the driver's asynchronous paging, {@link Settings#pageSize()} rows a page. A worker asks for the next page
 * while it hands the current one to the {@link RangeConsumer} and waits for it before going on, so at most two pages
 * per range in flight are in memory, whatever the size of the journal.
 *
 * <p>Rows of a (persistence_id, partition_nr) partition arrive together and in (sequence_nr, timestamp) order. The
 * partitions of one persistence id have different tokens, so they are usually in different ranges and may arrive
 * in any order, concurrently.
 *
 * <p>A failed page read is retried {@link Settings#pageRetries()} times from the page's paging state (statements are
 * idempotent reads), so no row is delivered twice; while Cassandra does not answer at all (stopped, restarting,
 * unreachable) it is retried, with a growing pause up to 10 s and a log line each time, until
 * {@link Settings#giveUpAfter()} has passed, and then fails with a {@link CassandraUnavailableException}. Any other failure aborts the scan with a
 * {@link TokenRangeScanException}; the ranges reported to the {@link ScanListener} until then are complete and can be
 * skipped by the next scan.
 *
 * <p>A scanner is immutable and can run several scans, one after the other or at the same time.
 */
public final class TokenRangeScanner {

    private static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenRangeScanner.class);

    private final CqlSession session;
    private final String keyspace;
    private final Settings settings;
    private final List<TokenRange> ranges;
    private final PreparedStatement selectRange;
    private final PreparedStatement selectFirstRange;
    private final Optional<TokenMap> tokenMap;

    /** A scanner with {@link Settings#defaults()}. */
    public TokenRangeScanner(CqlSession session, String keyspace) {
        this(session, keyspace, Settings.defaults());
    }

    /**
     * Prepares the range queries, so the {@code messages} table must exist.
     *
     * @throws IllegalStateException if the cluster does not use the Murmur3 partitioner
     */
    public TokenRangeScanner(CqlSession session, String keyspace, Settings settings) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = JournalSchema.checkKeyspace(keyspace);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ranges = TokenRanges.split(settings.rangeCount());
        this.tokenMap = session.getMetadata().getTokenMap();
        tokenMap.ifPresent(map -> {
            if (!map.getPartitionerName().endsWith("Murmur3Partitioner")) {
                throw new IllegalStateException("Token range scans need the Murmur3Partitioner, the cluster uses "
                        + map.getPartitionerName());
            }
        });
        this.selectRange = session.prepare(select(">"));
        this.selectFirstRange = session.prepare(select(">="));
    }

    /** The ranges a scan reads, in token order; their indexes are their positions. */
    public List<TokenRange> ranges() {
        return ranges;
    }

    /** The settings of this scanner. */
    public Settings settings() {
        return settings;
    }

    /** Scans every range. */
    public ScanResult scan(RangeConsumer consumer) {
        return scan(Set.of(), consumer, ScanListener.NONE);
    }

    /** Scans every range, reporting each finished one to the listener. */
    public ScanResult scan(RangeConsumer consumer, ScanListener listener) {
        return scan(Set.of(), consumer, listener);
    }

    /**
     * Scans every range except those in {@code skip}, reporting each finished one to the listener, and returns when
     * all are done. Ranges start in token order. No consumer or listener call happens after this method returns or
     * throws.
     *
     * @param skip ranges already done (as reported by an earlier scan with the same {@link Settings#rangeCount()})
     * @throws IllegalArgumentException if {@code skip} holds a range that is not one of {@link #ranges()}
     * @throws TokenRangeScanException  if a read fails after its retries, the consumer or listener throws, or this
     *                                  thread is interrupted (its interrupt flag is then set again)
     */
    public ScanResult scan(Set<TokenRange> skip, RangeConsumer consumer, ScanListener listener) {
        Objects.requireNonNull(skip, "skip");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(listener, "listener");
        Set<TokenRange> known = new HashSet<>(ranges);
        for (TokenRange range : skip) {
            if (!known.contains(range)) {
                throw new IllegalArgumentException(range + " is not one of the " + ranges.size()
                        + " ranges of this scanner; was the checkpoint written with another range count?");
            }
        }
        List<TokenRange> todo = new ArrayList<>();
        for (TokenRange range : ranges) {
            if (!skip.contains(range)) {
                todo.add(range);
            }
        }
        long started = System.nanoTime();
        if (todo.isEmpty()) {
            return new ScanResult(0, 0, skip.size(), Duration.ofNanos(System.nanoTime() - started));
        }

        AtomicBoolean abort = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(settings.maxInFlight(), todo.size()),
                workerThreads());
        CompletionService<Long> completed = new ExecutorCompletionService<>(workers);
        for (TokenRange range : todo) {
            completed.submit(() -> scanRange(range, consumer, listener, abort));
        }
        long rows = 0;
        try {
            for (int i = 0; i < todo.size(); i++) {
                try {
                    rows += completed.take().get();
                } catch (ExecutionException e) {
                    abort.set(true);
                    throw failure(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            abort.set(true);
            Thread.currentThread().interrupt();
            throw new TokenRangeScanException("Token range scan of " + keyspace + "." + JournalSchema.MESSAGES
                    + " interrupted", null, e);
        } finally {
            workers.shutdownNow();
            awaitWorkers(workers);
        }
        return new ScanResult(rows, todo.size(), skip.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    private long scanRange(TokenRange range, RangeConsumer consumer, ScanListener listener, AtomicBoolean abort)
            throws RangeFailure {
        try {
            BoundStatement statement = (range.includesStart() ? selectFirstRange : selectRange)
                    .bind(range.start(), range.end())
                    .setPageSize(settings.pageSize())
                    .setConsistencyLevel(settings.consistency())
                    .setIdempotent(true);
            if (tokenMap.isPresent()) {
                statement = statement.setRoutingToken(tokenMap.get().parse(Long.toString(range.end())));
            }
            AsyncResultSet page = awaitPage(session.executeAsync(statement), statement, null, abort);
            long rows = 0;
            while (true) {
                CompletionStage<AsyncResultSet> next = page.hasMorePages() ? page.fetchNextPage() : null;
                ByteBuffer pagingState = page.getExecutionInfo().getPagingState();
                boolean consumed = false;
                try {
                    for (Row row : page.currentPage()) {
                        if (abort.get()) {
                            throw new Aborted();
                        }
                        consumer.accept(range, JournalRow.from(row));
                        rows++;
                    }
                    consumed = true;
                } finally {
                    if (!consumed && next != null) {
                        next.toCompletableFuture().cancel(false);
                    }
                }
                if (next == null) {
                    break;
                }
                page = awaitPage(next, statement, pagingState, abort);
            }
            if (abort.get()) {
                throw new Aborted();
            }
            listener.rangeDone(range, rows);
            return rows;
        } catch (Exception | Error e) {
            throw new RangeFailure(range, e);
        }
    }

    /** Waits for a page, re-reading it from its paging state after a retriable failure. */
    private AsyncResultSet awaitPage(CompletionStage<AsyncResultSet> request, BoundStatement statement,
                                     ByteBuffer pagingState, AtomicBoolean abort) throws Exception {
        int attempt = 0;
        long firstFailure = 0;
        while (true) {
            try {
                AsyncResultSet page = request.toCompletableFuture().get();
                if (attempt > 0 && CassandraRetry.shouldLogWait()) {
                    log.info("Cassandra answers again: a page of {}.{} read after {} ms", keyspace,
                            JournalSchema.MESSAGES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstFailure));
                }
                return page;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                attempt++;
                if (attempt == 1) {
                    firstFailure = System.nanoTime();
                }
                long delay = Math.min(MAX_BACKOFF_MILLIS, 200L << Math.min(attempt - 1, 10));
                long failing = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstFailure);
                boolean outage = CassandraRetry.serverUnavailable(cause)
                        && failing + delay <= settings.giveUpAfter().toMillis();
                if (abort.get() || !retriable(cause) || (attempt > settings.pageRetries() && !outage)) {
                    if (CassandraRetry.serverUnavailable(cause) && attempt > 1) {
                        throw new CassandraUnavailableException("Cassandra at " + CassandraRetry.server(session)
                                + " did not answer for " + failing
                                + " ms while reading " + keyspace + "." + JournalSchema.MESSAGES + " (" + cause
                                + "); gave up after " + CassandraRetry.SETTING + " = " + settings.giveUpAfter()
                                + ". Nothing unwritten was checkpointed: once Cassandra is back, run the same command"
                                + " again to resume, or raise " + CassandraRetry.SETTING
                                + " (RECAST_CASSANDRA_GIVE_UP_AFTER) to wait longer.", cause);
                    }
                    throw cause instanceof Exception exception ? exception : e;
                }
                if (CassandraRetry.shouldLogWait()) {
                    log.warn("Cassandra at {} does not answer a page read of {}.{} ({}): waiting {} ms before try {}"
                            + " ({} ms so far; giving up after {} = {})", CassandraRetry.server(session), keyspace,
                            JournalSchema.MESSAGES, cause, delay, attempt + 1, failing, CassandraRetry.SETTING,
                            settings.giveUpAfter());
                }
                Thread.sleep(delay);
                request = session.executeAsync(statement.setPagingState(pagingState));
            }
        }
    }

    private static boolean retriable(Throwable failure) {
        return failure instanceof DriverException && !(failure instanceof QueryValidationException);
    }

    private TokenRangeScanException failure(Throwable cause) {
        if (cause instanceof RangeFailure rangeFailure) {
            Throwable root = rangeFailure.getCause();
            while (root instanceof java.util.concurrent.CompletionException && root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof CassandraUnavailableException
                    || root instanceof io.recast.engine.migration.LockLostException
                    || root instanceof io.recast.engine.migration.LockUnconfirmedException) {
                // says what happened and what to do: the message as it is
                return new TokenRangeScanException(root.getMessage(), rangeFailure.range, root);
            }
            return new TokenRangeScanException("Token range scan of " + keyspace + "." + JournalSchema.MESSAGES
                    + " failed in " + rangeFailure.range + ": " + rangeFailure.getCause(), rangeFailure.range,
                    rangeFailure.getCause());
        }
        return new TokenRangeScanException("Token range scan of " + keyspace + "." + JournalSchema.MESSAGES
                + " failed: " + cause, null, cause);
    }

    private static void awaitWorkers(ExecutorService workers) {
        boolean interrupted = false;
        while (true) {
            try {
                if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "recast-scan-" + keyspace + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private String select(String lowerBound) {
        return "SELECT " + JournalRow.COLUMNS + " FROM " + keyspace + "." + JournalSchema.MESSAGES
                + " WHERE token(persistence_id, partition_nr) " + lowerBound + " ?"
                + " AND token(persistence_id, partition_nr) <= ?";
    }

    /** A range's failure, carrying the range to the scanning thread. */
    private static final class RangeFailure extends Exception {
        private final transient TokenRange range;

        RangeFailure(TokenRange range, Throwable cause) {
            super(cause);
            this.range = range;
        }
    }

    /** Thrown in a worker that stops because another range failed; never reaches the caller. */
    private static final class Aborted extends Exception {
        Aborted() {
            super("aborted because another range failed", null, false, false);
        }
    }

    /**
     * How a {@link TokenRangeScanner} reads.
     *
     * @param rangeCount  the number of token ranges the ring is split into (default 64); checkpoints of skipped
     *                    ranges are only valid for the same count
     * @param maxInFlight the most ranges read at the same time, each by its own thread (default 8)
     * @param pageSize    rows per page (default 1000)
     * @param pageRetries how often a failed page read is retried, with a growing pause from 200 ms (default 3)
     * @param consistency the read consistency (default {@code LOCAL_QUORUM}, like the plugin's {@code QUORUM} reads
     *                    but within the local datacenter)
     * @param giveUpAfter how long a page read (and, in the journal rewrite, a write) keeps being retried while
     *                    Cassandra does not answer (stopped, restarting, unreachable), from its first failure, before
     *                    the scan fails (default 5 minutes, {@code recast.cassandra.give-up-after})
     */
    public record Settings(int rangeCount, int maxInFlight, int pageSize, int pageRetries,
                           ConsistencyLevel consistency, Duration giveUpAfter) {

        /** The default number of ranges. */
        public static final int DEFAULT_RANGE_COUNT = 64;
        /** The default number of ranges read at the same time. */
        public static final int DEFAULT_MAX_IN_FLIGHT = 8;
        /** The default page size. */
        public static final int DEFAULT_PAGE_SIZE = 1000;
        /** The default number of retries of a page read. */
        public static final int DEFAULT_PAGE_RETRIES = 3;

        public Settings {
            if (rangeCount < 1 || rangeCount > TokenRanges.MAX_RANGES) {
                throw new IllegalArgumentException("rangeCount must be between 1 and " + TokenRanges.MAX_RANGES
                        + ", was " + rangeCount);
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
            }
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
            }
            if (pageRetries < 0) {
                throw new IllegalArgumentException("pageRetries cannot be negative, was " + pageRetries);
            }
            Objects.requireNonNull(consistency, "consistency");
            Objects.requireNonNull(giveUpAfter, "giveUpAfter");
            if (giveUpAfter.isNegative()) {
                throw new IllegalArgumentException("giveUpAfter cannot be negative, was " + giveUpAfter);
            }
        }

        /** 64 ranges, 8 in flight, pages of 1000 rows, 3 retries, {@code LOCAL_QUORUM}, waiting 5 minutes for Cassandra. */
        public static Settings defaults() {
            return new Settings(DEFAULT_RANGE_COUNT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_PAGE_SIZE, DEFAULT_PAGE_RETRIES,
                    DefaultConsistencyLevel.LOCAL_QUORUM, CassandraRetry.DEFAULT_GIVE_UP_AFTER);
        }

        /** These settings with another number of ranges. */
        public Settings withRangeCount(int value) {
            return new Settings(value, maxInFlight, pageSize, pageRetries, consistency, giveUpAfter);
        }

        /** These settings with another number of ranges in flight. */
        public Settings withMaxInFlight(int value) {
            return new Settings(rangeCount, value, pageSize, pageRetries, consistency, giveUpAfter);
        }

        /** These settings with another page size. */
        public Settings withPageSize(int value) {
            return new Settings(rangeCount, maxInFlight, value, pageRetries, consistency, giveUpAfter);
        }

        /** These settings with another number of page retries. */
        public Settings withPageRetries(int value) {
            return new Settings(rangeCount, maxInFlight, pageSize, value, consistency, giveUpAfter);
        }

        /** These settings with another limit on waiting for a Cassandra that does not answer. */
        public Settings withGiveUpAfter(Duration value) {
            return new Settings(rangeCount, maxInFlight, pageSize, pageRetries, consistency, value);
        }

        /** These settings with another read consistency. */
        public Settings withConsistency(ConsistencyLevel value) {
            return new Settings(rangeCount, maxInFlight, pageSize, pageRetries, value, giveUpAfter);
        }
    }
}
