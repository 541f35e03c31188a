package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.recast.adapters.cassandra.CqlValues;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.ScanListener;
import io.recast.adapters.cassandra.ScanResult;
import io.recast.adapters.cassandra.TokenRange;
import io.recast.adapters.cassandra.TokenRangeScanException;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.migration.WriteFence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Rebuilds {@code tag_views}, {@code tag_write_progress} and {@code tag_scanning} of a journal keyspace from
 * {@code messages}, with the rows the live tag writer of Pekko Persistence Cassandra 1.1.0 would have written, so
 * that Pekko's {@code eventsByTag} finds every tagged event once and the live service, restarted afterwards, goes on
 * tagging new events without gaps (see {@code docs/journal-schema.md}, section 10).
 *
 * <p><b>What it writes.</b> For each persistence id, its events in {@code sequence_nr} order, leaving out those at or
 * below its {@code metadata.deleted_to}, and for each tag of each event, one {@code tag_views} row: the tag, the time
 * bucket of the event's {@code timestamp} ({@link Settings#bucketSize()}), the event's own {@code timestamp}
 * (timeuuid), {@code tag_pid_sequence_nr} counting the id's events with that tag from 1 without gaps, and the
 * event's {@code persistence_id}, {@code sequence_nr}, {@code writer_uuid}, {@code ser_id}, {@code ser_manifest},
 * {@code event_manifest}, {@code event} and, when the event has metadata, {@code meta_ser_id},
 * {@code meta_ser_manifest}, {@code meta}, with the plugin's own insert statement ({@code writeTags}). Then, per
 * (persistence id, tag), a {@code tag_write_progress} row with the last event written (its {@code sequence_nr},
 * {@code tag_pid_sequence_nr} and {@code timestamp} as {@code offset}), which is where the restarted live writer
 * goes on numbering, and per persistence id a {@code tag_scanning} row with its highest sequence number (tagged or
 * not, deleted or not), so that its recovery need not look for missing tag writes before a snapshot.
 *
 * <p><b>How it reads.</b> {@link TokenRangeScanner} delivers each (persistence_id, partition_nr) partition whole and
 * in order. An id is rebuilt with its lowest partition: partition 0 alone when its last sequence number is below
 * the target partition size less {@value #ATOMIC_WRITE_MARGIN} (the plugin writes a batch of events into the partition
 * of its last event, so a partition ending well before the boundary has no successor); otherwise the further
 * partitions are read directly, one after the other, until two are empty. Higher partitions met in the scan are
 * skipped when a lower one exists. Memory stays bounded: rows are written as they arrive.
 *
 * <p><b>How it writes.</b> {@code tag_views} rows are collected per (tag, time bucket) partition, across persistence
 * ids of the same token range, into unlogged single-partition batches of at most {@link Settings#maxBatchBytes()}
 * (estimated from the bound values; a row larger than that goes alone, not in a batch); at most
 * {@link Settings#maxWritesInFlight()} writes are in flight, and the scan waits when they are. Every statement is an
 * idempotent plain insert keyed like the plugin's, so a rewrite of the same row is harmless. When a token range's
 * writes have all succeeded, the range is checkpointed in {@code recast_checkpoint} under
 * {@link Settings#runId()}; a rebuild started again with the same run id (and the same number of ranges) skips the
 * finished ranges, and redoes the others whole.
 *
 * <p><b>Fencing.</b> A rebuild given a {@link WriteFence} (the migration lock's) checks it before each write it hands
 * to the driver (each batch of {@code tag_views} rows, each {@code tag_write_progress} and {@code tag_scanning}
 * write, each retry) and before each checkpoint: a runner that lost its lock while it was paused stops with the
 * fence's exception, without a further write.
 *
 * <p><b>Preconditions.</b> No persistent actor of the journal may run (a running tag writer numbers from its own
 * counters), and the three tables should be empty ({@link TagViewReset}) before a new run id starts, or hold only
 * rows of an earlier run with the same numbering. Persistence ids whose rows disagree with their order (the same
 * sequence number twice, or timestamps going back while sequence numbers go up: two incarnations writing at once,
 * or clock skew) are rebuilt one row per event row, in the scan's order, and reported in
 * {@link Result#irregularPersistenceIds()}: the live {@code eventsByTag} may report duplicates or gaps for them
 * whatever the rebuild does. Events deleted from {@code messages} are not in the rebuilt tag views, while the live
 * ones kept them.
 *
 * <p>A rebuild object can run several times, one run at a time.
 */
public final class TagViewRebuild {

    /** Events of one atomic write that may spill over a partition boundary; ids that end closer are read whole. */
    static final long ATOMIC_WRITE_MARGIN = 1_000;

    /** The default bound of a batch's estimated size: under Cassandra's default {@code batch_size_fail_threshold}. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 48 * 1024;

    /** How many irregular persistence ids a result lists at most (it counts them all). */
    public static final int MAX_LISTED_IRREGULAR_IDS = 1_000;

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Bytes a row adds to a batch besides its variable-length values: the fixed-width values (44, 48 with metadata),
     * the statement id and the length prefixes of the values in the batch message (at most 77).
     */
    private static final int ROW_OVERHEAD_BYTES = 128;
    /** Bytes of a batch message besides its rows: frame header, batch type, count, consistency and flags. */
    private static final int BATCH_OVERHEAD_BYTES = 32;

    /**
     * Where and how to rebuild.
     *
     * @param keyspace            the journal keyspace ({@code journal.keyspace})
     * @param runId               names the run's checkpoints; the same id resumes a killed run
     * @param bucketSize          the plugin's {@code events-by-tag.bucket-size} of the live service
     * @param targetPartitionSize the plugin's {@code journal.target-partition-size} (500000 by default)
     * @param scan                how to read {@code messages} (the number of ranges must stay the same for a run id)
     * @param maxBatchBytes       the bound of a {@code tag_views} batch's estimated size
     * @param maxWritesInFlight   how many writes (batches or single inserts) may be in flight at once
     * @param writeRetries        how often a failed write is retried before the rebuild stops
     * @param writeConsistency    the consistency of the writes and checkpoints
     */
    public record Settings(String keyspace, String runId, TimeBucketSize bucketSize, long targetPartitionSize,
                           TokenRangeScanner.Settings scan, int maxBatchBytes, int maxWritesInFlight,
                           int writeRetries, ConsistencyLevel writeConsistency) {

        public Settings {
            Names.keyspace(keyspace);
            Objects.requireNonNull(runId, "runId");
            if (runId.isBlank()) {
                throw new IllegalArgumentException("A run id cannot be blank");
            }
            Objects.requireNonNull(bucketSize, "bucketSize");
            if (targetPartitionSize < 1) {
                throw new IllegalArgumentException("target partition size must be positive, was "
                        + targetPartitionSize);
            }
            Objects.requireNonNull(scan, "scan");
            if (maxBatchBytes < 1024) {
                throw new IllegalArgumentException("maxBatchBytes must be at least 1024, was " + maxBatchBytes);
            }
            if (maxWritesInFlight < 1) {
                throw new IllegalArgumentException("maxWritesInFlight must be positive, was " + maxWritesInFlight);
            }
            if (writeRetries < 0) {
                throw new IllegalArgumentException("writeRetries cannot be negative, was " + writeRetries);
            }
            Objects.requireNonNull(writeConsistency, "writeConsistency");
        }

        /**
         * The plugin's defaults ({@code Hour} buckets, partitions of 500000), {@link TokenRangeScanner.Settings#defaults()},
         * batches of at most {@value TagViewRebuild#DEFAULT_MAX_BATCH_BYTES} bytes, 64 writes in flight, 3 retries,
         * {@code LOCAL_QUORUM}.
         */
        public static Settings defaults(String keyspace, String runId) {
            return new Settings(keyspace, runId, TimeBucketSize.HOUR, JournalSchema.DEFAULT_TARGET_PARTITION_SIZE,
                    TokenRangeScanner.Settings.defaults(), DEFAULT_MAX_BATCH_BYTES, 64, 3,
                    DefaultConsistencyLevel.LOCAL_QUORUM);
        }

        /** These settings with another run id. */
        public Settings withRunId(String value) {
            return new Settings(keyspace, value, bucketSize, targetPartitionSize, scan, maxBatchBytes,
                    maxWritesInFlight, writeRetries, writeConsistency);
        }

        /** These settings with another bucket size. */
        public Settings withBucketSize(TimeBucketSize value) {
            return new Settings(keyspace, runId, value, targetPartitionSize, scan, maxBatchBytes,
                    maxWritesInFlight, writeRetries, writeConsistency);
        }

        /** These settings with another target partition size. */
        public Settings withTargetPartitionSize(long value) {
            return new Settings(keyspace, runId, bucketSize, value, scan, maxBatchBytes, maxWritesInFlight,
                    writeRetries, writeConsistency);
        }

        /** These settings with other scan settings. */
        public Settings withScan(TokenRangeScanner.Settings value) {
            return new Settings(keyspace, runId, bucketSize, targetPartitionSize, value, maxBatchBytes,
                    maxWritesInFlight, writeRetries, writeConsistency);
        }

        /** These settings with another batch size bound. */
        public Settings withMaxBatchBytes(int value) {
            return new Settings(keyspace, runId, bucketSize, targetPartitionSize, scan, value, maxWritesInFlight,
                    writeRetries, writeConsistency);
        }

        /** These settings with another number of writes in flight. */
        public Settings withMaxWritesInFlight(int value) {
            return new Settings(keyspace, runId, bucketSize, targetPartitionSize, scan, maxBatchBytes, value,
                    writeRetries, writeConsistency);
        }

        /** These settings with another number of write retries. */
        public Settings withWriteRetries(int value) {
            return new Settings(keyspace, runId, bucketSize, targetPartitionSize, scan, maxBatchBytes,
                    maxWritesInFlight, value, writeConsistency);
        }

        /** These settings with another write consistency. */
        public Settings withWriteConsistency(ConsistencyLevel value) {
            return new Settings(keyspace, runId, bucketSize, targetPartitionSize, scan, maxBatchBytes,
                    maxWritesInFlight, writeRetries, value);
        }
    }

    /**
     * What a run did. The counts cover the ranges this run scanned, not those a killed earlier run of the same id had
     * finished.
     *
     * @param runId                       the run
     * @param eventsRead                  the {@code messages} rows of the persistence ids rebuilt (each once)
     * @param eventsSkippedAsDeleted      of those, the rows at or below their id's {@code deleted_to}
     * @param tagRowsWritten              the {@code tag_views} rows written
     * @param batchesWritten              the {@code tag_views} writes (batches, or single inserts of large rows)
     * @param progressRowsWritten         the {@code tag_write_progress} rows written
     * @param persistenceIds              the persistence ids rebuilt (each has a {@code tag_scanning} row)
     * @param tags                        the tags met
     * @param rangesScanned               the token ranges read
     * @param rangesSkipped               the token ranges skipped because an earlier run of the id had finished them
     * @param duration                    the wall-clock time of the run
     * @param irregularPersistenceIdCount the persistence ids whose rows disagree with their order
     * @param irregularPersistenceIds     up to {@value TagViewRebuild#MAX_LISTED_IRREGULAR_IDS} of them, sorted
     */
    public record Result(String runId, long eventsRead, long eventsSkippedAsDeleted, long tagRowsWritten,
                         long batchesWritten, long progressRowsWritten, long persistenceIds, Set<String> tags,
                         int rangesScanned, int rangesSkipped, Duration duration, long irregularPersistenceIdCount,
                         List<String> irregularPersistenceIds) {

        public Result {
            Objects.requireNonNull(runId, "runId");
            tags = Collections.unmodifiableSet(new TreeSet<>(tags));
            Objects.requireNonNull(duration, "duration");
            irregularPersistenceIds = List.copyOf(irregularPersistenceIds);
        }
    }

    private final CqlSession session;
    private final Settings settings;
    private final String keyspace;
    private final TokenRangeScanner scanner;
    private final Checkpoints checkpoints;
    private final PreparedStatement insertTagView;
    private final PreparedStatement insertTagViewWithMeta;
    private final PreparedStatement insertProgress;
    private final PreparedStatement insertScanning;
    private final PreparedStatement selectPartition;
    private final PreparedStatement firstRowOfPartition;
    private final WriteFence fence;

    /**
     * Prepares the statements, so the journal tables must exist; creates {@code recast_checkpoint} if missing.
     */
    public TagViewRebuild(CqlSession session, Settings settings) {
        this(session, settings, WriteFence.NONE);
    }

    /**
     * As {@link #TagViewRebuild(CqlSession, Settings)}, checking {@code fence} before each write and each checkpoint
     * (the migration lock: a runner that lost it stops writing).
     */
    public TagViewRebuild(CqlSession session, Settings settings, WriteFence fence) {
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fence = Objects.requireNonNull(fence, "fence");
        this.keyspace = settings.keyspace();
        this.scanner = new TokenRangeScanner(session, keyspace, settings.scan());
        this.checkpoints = new Checkpoints(session, keyspace, settings.runId(), scanner.ranges().size(),
                settings.writeConsistency(), fence);
        this.insertTagView = session.prepare(insertTagView(keyspace, false));
        this.insertTagViewWithMeta = session.prepare(insertTagView(keyspace, true));
        this.insertProgress = session.prepare("INSERT INTO " + keyspace + "." + JournalSchema.TAG_WRITE_PROGRESS
                + " (persistence_id, tag, sequence_nr, tag_pid_sequence_nr, offset) VALUES (?, ?, ?, ?, ?)");
        this.insertScanning = session.prepare("INSERT INTO " + keyspace + "." + JournalSchema.TAG_SCANNING
                + " (persistence_id, sequence_nr) VALUES (?, ?)");
        this.selectPartition = session.prepare("SELECT " + JournalRow.COLUMNS + " FROM " + keyspace + "."
                + JournalSchema.MESSAGES + " WHERE persistence_id = ? AND partition_nr = ?");
        this.firstRowOfPartition = session.prepare("SELECT sequence_nr FROM " + keyspace + "."
                + JournalSchema.MESSAGES + " WHERE persistence_id = ? AND partition_nr = ? LIMIT 1");
    }

    /**
     * The plugin's insert of a tag view row ({@code CassandraJournalStatements.writeTags}, whitespace normalised).
     * Bind order: tag_name, timebucket, timestamp, tag_pid_sequence_nr, event, event_manifest, persistence_id,
     * sequence_nr, ser_id, ser_manifest, writer_uuid[, meta_ser_id, meta_ser_manifest, meta]. Like the plugin, the
     * variant without the meta columns is for events without metadata.
     */
    public static String insertTagView(String keyspace, boolean withMeta) {
        return "INSERT INTO " + Names.keyspace(keyspace) + "." + JournalSchema.TAG_VIEWS
                + " (tag_name, timebucket, timestamp, tag_pid_sequence_nr, event, event_manifest, persistence_id,"
                + " sequence_nr, ser_id, ser_manifest, writer_uuid"
                + (withMeta ? ", meta_ser_id, meta_ser_manifest, meta" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (withMeta ? ", ?, ?, ?" : "") + ")";
    }

    /** The settings of this rebuild. */
    public Settings settings() {
        return settings;
    }

    /** What this rebuild checks before each write. */
    public WriteFence fence() {
        return fence;
    }

    /** The token ranges the rebuild reads; their indexes are the slices of its checkpoints. */
    public List<TokenRange> ranges() {
        return scanner.ranges();
    }

    /** The indexes of the ranges the run id has finished. */
    public Set<Integer> completedRanges() {
        return checkpoints.completed();
    }

    /** Forgets the run id's checkpoints, so that a run with this id starts from scratch. */
    public void forgetCheckpoints() {
        checkpoints.forget();
    }

    /** Runs (or resumes) the rebuild. */
    public Result run() {
        return run(ScanListener.NONE);
    }

    /**
     * Runs (or resumes) the rebuild: skips the ranges the run id has finished, rebuilds the others, and returns when
     * all are done. When it throws, no write of the run is in flight any more (unless they did not end within two
     * minutes), and the ranges checkpointed until then stay done.
     *
     * @param listener told of each range once its writes have succeeded and its checkpoint is written (on the
     *                 thread that read it; ranges report concurrently); throwing stops the rebuild like a failure
     * @throws IllegalStateException   if the run id was started with another number of ranges
     * @throws TokenRangeScanException if a read or write fails after its retries, or the listener throws (its
     *                                 cause), or the thread is interrupted
     */
    public Result run(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        Set<Integer> done = checkpoints.startOrResume();
        Set<Integer> todo = new TreeSet<>();
        for (TokenRange range : scanner.ranges()) {
            if (!done.contains(range.index())) {
                todo.add(range.index());
            }
        }
        return rebuild(todo, listener);
    }

    /**
     * Rebuilds the given ranges only (whether or not the run id finished them before), checkpointing each under the
     * run id: for drivers that schedule the ranges themselves, such as one projection per slice of the ranges. The
     * result counts these ranges; {@link Result#rangesSkipped()} counts the others.
     *
     * @param rangeIndexes indexes into {@link #ranges()}
     * @throws IllegalArgumentException if an index is not one of the ranges
     * @throws IllegalStateException    if the run id was started with another number of ranges
     * @throws TokenRangeScanException  as {@link #run(ScanListener)}
     */
    public Result runRanges(Set<Integer> rangeIndexes, ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        for (int index : rangeIndexes) {
            if (index < 0 || index >= scanner.ranges().size()) {
                throw new IllegalArgumentException("No token range " + index + ": this rebuild has "
                        + scanner.ranges().size() + " ranges (0 to " + (scanner.ranges().size() - 1) + ")");
            }
        }
        checkpoints.startOrResume();
        return rebuild(rangeIndexes, listener);
    }

    private Result rebuild(Set<Integer> todo, ScanListener listener) {
        long started = System.nanoTime();
        Set<TokenRange> skip = scanner.ranges().stream().filter(range -> !todo.contains(range.index()))
                .collect(Collectors.toSet());
        Run run = new Run(DeletedTo.load(session, keyspace, settings.scan().consistency()));
        Map<Integer, RangeRebuild> open = new ConcurrentHashMap<>();
        ScanResult scan;
        try {
            scan = scanner.scan(skip,
                    (range, row) -> open.computeIfAbsent(range.index(), index -> new RangeRebuild(run)).accept(row),
                    (range, rows) -> {
                        RangeRebuild rebuild = open.remove(range.index());
                        if (rebuild != null) {
                            rebuild.finish();
                        }
                        checkpoints.done(range.index());
                        listener.rangeDone(range, rows);
                    });
        } finally {
            run.window.awaitIdle(DRAIN_TIMEOUT);
        }
        List<String> irregular;
        synchronized (run.irregular) {
            irregular = run.irregular.stream().sorted().limit(MAX_LISTED_IRREGULAR_IDS).toList();
        }
        return new Result(settings.runId(), run.eventsRead.sum(), run.eventsDeleted.sum(), run.tagRows.sum(),
                run.batches.sum(), run.progressRows.sum(), run.persistenceIds.sum(), run.tags,
                scan.rangesScanned(), scan.rangesSkipped(), Duration.ofNanos(System.nanoTime() - started),
                run.irregularCount.sum(), irregular);
    }

    /** The state one run shares between its ranges. */
    private final class Run {
        final DeletedTo deletedTo;
        final WriteWindow window = new WriteWindow(session, settings.maxWritesInFlight(), settings.writeRetries(),
                fence);
        final LongAdder eventsRead = new LongAdder();
        final LongAdder eventsDeleted = new LongAdder();
        final LongAdder tagRows = new LongAdder();
        final LongAdder batches = new LongAdder();
        final LongAdder progressRows = new LongAdder();
        final LongAdder persistenceIds = new LongAdder();
        final LongAdder irregularCount = new LongAdder();
        final Set<String> tags = ConcurrentHashMap.newKeySet();
        /** A bounded sample: the ids of the first irregular ids met (all when they are few). */
        final List<String> irregular = new ArrayList<>();

        Run(DeletedTo deletedTo) {
            this.deletedTo = deletedTo;
        }

        void irregular(String persistenceId) {
            irregularCount.increment();
            synchronized (irregular) {
                if (irregular.size() < 10 * MAX_LISTED_IRREGULAR_IDS) {
                    irregular.add(persistenceId);
                }
            }
        }
    }

    /** The statements collected for one {@code tag_views} partition. */
    private static final class PendingBatch {
        final List<BoundStatement> statements = new ArrayList<>();
        /** The estimated size of the rows. */
        long bytes;
    }

    /** The last event written for one (persistence id, tag). */
    private static final class TagProgress {
        long tagPidSequenceNr;
        long sequenceNr;
        UUID offset;
    }

    /** The persistence id being rebuilt. */
    private static final class PersistenceId {
        final String id;
        final long firstPartition;
        final long deletedTo;
        final Map<String, TagProgress> tags = new LinkedHashMap<>();
        long lastSequenceNrOfPartition;
        long maxSequenceNr = Long.MIN_VALUE;
        long rows;
        long lastSequenceNr;
        long lastTimestamp;
        boolean irregular;

        PersistenceId(String id, long firstPartition, long deletedTo) {
            this.id = id;
            this.firstPartition = firstPartition;
            this.deletedTo = deletedTo;
        }
    }

    /** The rebuild of one token range, on the thread that reads it. */
    private final class RangeRebuild {
        private final Run run;
        private final Map<TagViewPartition, PendingBatch> pending = new HashMap<>();
        private final List<CompletableFuture<Void>> writes = new ArrayList<>();
        private final long maxPendingBytes = 16L * settings.maxBatchBytes();
        private long pendingBytes;
        private String partitionId;
        private long partitionNr;
        /** The id rebuilt with the current partition, or null when the partition is skipped. */
        private PersistenceId current;

        RangeRebuild(Run run) {
            this.run = run;
        }

        void accept(JournalRow row) throws Exception {
            if (partitionId == null || !partitionId.equals(row.persistenceId()) || partitionNr != row.partitionNr()) {
                endPartition();
                startPartition(row.persistenceId(), row.partitionNr());
            }
            if (current != null) {
                current.lastSequenceNrOfPartition = row.sequenceNr();
                process(current, row);
            }
        }

        /** Ends the range: finishes its last id, sends what is pending and waits for all its writes. */
        void finish() throws Exception {
            endPartition();
            partitionId = null;
            for (PendingBatch batch : new ArrayList<>(pending.values())) {
                flush(batch);
            }
            pending.clear();
            pendingBytes = 0;
            for (CompletableFuture<Void> write : writes) {
                try {
                    write.join();
                } catch (RuntimeException e) {
                    throw WriteWindow.failed(e);
                }
            }
            writes.clear();
            run.window.checkNoFailure();
        }

        private void startPartition(String persistenceId, long partition) {
            partitionId = persistenceId;
            partitionNr = partition;
            current = partition == 0 || lowestPartition(persistenceId, partition) == partition
                    ? new PersistenceId(persistenceId, partition, run.deletedTo.of(persistenceId))
                    : null;
        }

        private void endPartition() throws Exception {
            PersistenceId id = current;
            current = null;
            if (id == null) {
                return;
            }
            if (id.firstPartition > 0
                    || id.lastSequenceNrOfPartition >= settings.targetPartitionSize() - ATOMIC_WRITE_MARGIN) {
                readFurtherPartitions(id);
            }
            finishPersistenceId(id);
        }

        /** The rows of partitions after the first one, until two empty ones in a row. */
        private void readFurtherPartitions(PersistenceId id) throws Exception {
            int empty = 0;
            for (long partition = id.firstPartition + 1; empty < 2; partition++) {
                boolean any = false;
                for (Row row : session.execute(selectPartition.bind(id.id, partition)
                        .setPageSize(settings.scan().pageSize())
                        .setConsistencyLevel(settings.scan().consistency()))) {
                    any = true;
                    process(id, JournalRow.from(row));
                }
                empty = any ? 0 : empty + 1;
            }
        }

        private void process(PersistenceId id, JournalRow row) throws Exception {
            run.eventsRead.increment();
            long timestamp = row.timestamp().timestamp();
            if (id.rows > 0 && (row.sequenceNr() <= id.lastSequenceNr || timestamp < id.lastTimestamp)) {
                id.irregular = true;
            }
            id.rows++;
            id.lastSequenceNr = row.sequenceNr();
            id.lastTimestamp = timestamp;
            id.maxSequenceNr = Math.max(id.maxSequenceNr, row.sequenceNr());
            if (row.sequenceNr() <= id.deletedTo) {
                run.eventsDeleted.increment();
                return;
            }
            for (String tag : row.tags()) {
                TagProgress progress = id.tags.computeIfAbsent(tag, t -> new TagProgress());
                progress.tagPidSequenceNr++;
                progress.sequenceNr = row.sequenceNr();
                progress.offset = row.timestamp();
                long bucket = settings.bucketSize().bucketOf(row.timestamp());
                add(new TagViewPartition(tag, bucket), tagViewRow(tag, bucket, progress.tagPidSequenceNr, row),
                        estimatedBytes(tag, row));
            }
        }

        private void finishPersistenceId(PersistenceId id) throws Exception {
            run.persistenceIds.increment();
            if (id.irregular) {
                run.irregular(id.id);
            }
            List<BoundStatement> progress = new ArrayList<>(id.tags.size());
            for (Map.Entry<String, TagProgress> entry : id.tags.entrySet()) {
                TagProgress tag = entry.getValue();
                run.tags.add(entry.getKey());
                progress.add(insertProgress.bind(id.id, entry.getKey(), tag.sequenceNr, tag.tagPidSequenceNr,
                        tag.offset));
            }
            if (!progress.isEmpty()) {
                // one partition of tag_write_progress (its key is the persistence id)
                int rows = progress.size();
                submit(progress.size() == 1 ? progress.get(0) : unloggedBatch(progress),
                        () -> run.progressRows.add(rows));
            }
            submit(insertScanning.bind(id.id, id.maxSequenceNr), () -> { });
        }

        private void add(TagViewPartition partition, BoundStatement row, long bytes) throws Exception {
            if (BATCH_OVERHEAD_BYTES + bytes >= settings.maxBatchBytes()) {
                submitTagRows(row, 1);
                return;
            }
            PendingBatch batch = pending.get(partition);
            if (batch != null && BATCH_OVERHEAD_BYTES + batch.bytes + bytes > settings.maxBatchBytes()) {
                pending.remove(partition);
                flush(batch);
                batch = null;
            }
            if (batch == null) {
                batch = new PendingBatch();
                pending.put(partition, batch);
            }
            batch.statements.add(row);
            batch.bytes += bytes;
            pendingBytes += bytes;
            if (pendingBytes > maxPendingBytes) {
                for (PendingBatch each : pending.values()) {
                    flush(each);
                }
                pending.clear();
            }
        }

        private void flush(PendingBatch batch) throws Exception {
            pendingBytes -= batch.bytes;
            List<BoundStatement> statements = batch.statements;
            submitTagRows(statements.size() == 1 ? statements.get(0) : unloggedBatch(statements), statements.size());
        }

        private void submitTagRows(Statement<?> statement, int rows) throws Exception {
            submit(statement, () -> {
                run.tagRows.add(rows);
                run.batches.increment();
            });
        }

        /** Starts a write; {@code onSuccess} runs once it has succeeded, before {@link #finish()} sees it done. */
        private void submit(Statement<?> statement, Runnable onSuccess) throws Exception {
            writes.add(run.window.submit(statement.setIdempotent(true)
                    .setConsistencyLevel(settings.writeConsistency())).thenRun(onSuccess));
            if (writes.size() >= 4 * settings.maxWritesInFlight()) {
                pruneFinishedWrites();
            }
        }

        private void pruneFinishedWrites() {
            Iterator<CompletableFuture<Void>> iterator = writes.iterator();
            while (iterator.hasNext()) {
                CompletableFuture<Void> write = iterator.next();
                if (write.isDone()) {
                    if (write.isCompletedExceptionally()) {
                        try {
                            write.join();
                        } catch (RuntimeException e) {
                            throw WriteWindow.failed(e);
                        }
                    }
                    iterator.remove();
                }
            }
        }

        private long lowestPartition(String persistenceId, long upTo) {
            for (long partition = 0; partition < upTo; partition++) {
                if (session.execute(firstRowOfPartition.bind(persistenceId, partition)
                        .setConsistencyLevel(settings.scan().consistency())).one() != null) {
                    return partition;
                }
            }
            return upTo;
        }
    }

    /**
     * A tag view row bound like the plugin binds it; null columns are left unset (no tombstones). Each value is bound
     * as its bytes ({@link CqlValues}), sparing the driver's codec lookup and text encoding per column.
     */
    private BoundStatement tagViewRow(String tag, long bucket, long tagPidSequenceNr, JournalRow row) {
        BoundStatementBuilder builder = (row.hasMeta() ? insertTagViewWithMeta : insertTagView).boundStatementBuilder()
                .setBytesUnsafe(0, CqlValues.text(tag))
                .setBytesUnsafe(1, CqlValues.bigint(bucket))
                .setBytesUnsafe(2, CqlValues.uuid(row.timestamp()))
                .setBytesUnsafe(3, CqlValues.bigint(tagPidSequenceNr))
                .setBytesUnsafe(4, CqlValues.blob(row.event()))
                .setBytesUnsafe(7, CqlValues.bigint(row.sequenceNr()))
                .setBytesUnsafe(8, CqlValues.int32(row.serId()))
                .setBytesUnsafe(6, CqlValues.text(row.persistenceId()));
        if (row.eventManifest() != null) {
            builder = builder.setBytesUnsafe(5, CqlValues.text(row.eventManifest()));
        }
        if (row.serManifest() != null) {
            builder = builder.setBytesUnsafe(9, CqlValues.text(row.serManifest()));
        }
        if (row.writerUuid() != null) {
            builder = builder.setBytesUnsafe(10, CqlValues.text(row.writerUuid()));
        }
        if (row.hasMeta()) {
            if (row.metaSerId() != null) {
                builder = builder.setBytesUnsafe(11, CqlValues.int32(row.metaSerId()));
            }
            if (row.metaSerManifest() != null) {
                builder = builder.setBytesUnsafe(12, CqlValues.text(row.metaSerManifest()));
            }
            builder = builder.setBytesUnsafe(13, CqlValues.blob(row.meta()));
        }
        return builder.build();
    }

    private static BatchStatement unloggedBatch(List<BoundStatement> statements) {
        BatchStatementBuilder builder = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        for (BoundStatement statement : statements) {
            builder.addStatement(statement);
        }
        return builder.build();
    }

    /**
     * The size a tag view row adds to a batch: its variable-length values and a fixed overhead, an upper bound of
     * what it adds to the batch message (the driver's {@code computeSizeInBytes}) and to the mutation Cassandra
     * checks against {@code batch_size_fail_threshold}.
     */
    private static long estimatedBytes(String tag, JournalRow row) {
        return ROW_OVERHEAD_BYTES + utf8Length(tag) + utf8Length(row.persistenceId()) + row.event().length
                + utf8Length(row.serManifest()) + utf8Length(row.eventManifest()) + utf8Length(row.writerUuid())
                + (row.hasMeta() ? row.meta().length + utf8Length(row.metaSerManifest()) : 0);
    }

    private static int utf8Length(String value) {
        if (value == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
