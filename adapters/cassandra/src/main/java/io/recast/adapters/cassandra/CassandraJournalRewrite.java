package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.event.EventKey;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.event.UnknownManifestException;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.rewrite.EventRewrite;
import io.recast.engine.rewrite.JournalSink;
import io.recast.engine.rewrite.JournalSource;
import io.recast.engine.rewrite.PersistenceIdEvents;
import io.recast.engine.rewrite.PidRewrite;
import io.recast.engine.upcast.UpcastFailure;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * The journal rewrite's ports on Cassandra: reads {@code messages} by token ranges ({@link TokenRangeScanner}) and
 * hands each persistence id's events, whole, to the engine; writes its rewrites back.
 *
 * <p>Reading: rows arrive partition by partition. A persistence id is handled with its lowest partition: the rows of
 * partition 0 when the id ends well inside it (its last sequence number is below the target partition size less
 * {@value #ATOMIC_WRITE_MARGIN}, since the plugin writes a batch into the partition of its last event), otherwise
 * together with its further partitions read directly.
 *
 * <p>Writing: every row that changes is first copied to {@code messages_backup_<version>}. A 1:1 rewrite overwrites
 * rows under their own keys. A renumbered id (drops, splits) has its snapshots backed up and removed, and its rows
 * replaced: within one partition by one single-partition batch (a partition deletion at time T and the inserts at
 * T+1, atomic and isolated); across partitions partition by partition, behind a marker in {@code recast_renumbering}
 * so that a resumed run rebuilds the id from its backup.
 */
public final class CassandraJournalRewrite implements JournalSource, JournalSink {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CassandraJournalRewrite.class);

    /** Events of one atomic write that may spill over a partition boundary; ids that end closer are read whole. */
    static final long ATOMIC_WRITE_MARGIN = 1_000;

    /**
     * Where and how to rewrite.
     *
     * @param keyspace            the journal keyspace
     * @param snapshotKeyspace    the snapshot keyspace (renumbered ids lose their snapshots, after a backup)
     * @param fromVersion         the source version, naming the backup tables
     * @param runId               the run, naming its markers
     * @param targetPartitionSize the plugin's {@code journal.target-partition-size}
     * @param scan                how to read
     * @param readOnly            for a dry run: create no table, write nothing (the sink methods then refuse)
     */
    public record Settings(String keyspace, String snapshotKeyspace, String fromVersion, String runId,
                           long targetPartitionSize, TokenRangeScanner.Settings scan, boolean readOnly) {
    }

    private final CqlSession session;
    private final CassandraRetry retry;
    private final ManifestCodec codec;
    private final Settings settings;
    private final TokenRangeScanner scanner;
    private final boolean snapshots;
    private final PreparedStatement selectPartition;
    private final PreparedStatement firstRowOfPartition;
    private final Writes writes;
    private final ThreadLocal<Map<EventKey, JournalRow>> currentRows = new ThreadLocal<>();
    private volatile Set<String> markers = Set.of();

    public CassandraJournalRewrite(CqlSession session, ManifestCodec codec, Settings settings) {
        this(session, codec, settings, WriteFence.NONE);
    }

    /**
     * A rewrite whose writes check {@code fence} before each statement (the first attempt and every retry), so that a
     * runner that lost its lock sends nothing more; reads and writes wait out a Cassandra that does not answer for up
     * to {@link TokenRangeScanner.Settings#giveUpAfter()}.
     */
    public CassandraJournalRewrite(CqlSession session, ManifestCodec codec, Settings settings, WriteFence fence) {
        this.session = session;
        this.retry = new CassandraRetry(session, settings.scan().giveUpAfter(), fence);
        this.codec = io.recast.engine.event.CachingManifestCodec.of(codec);
        this.settings = settings;
        String ks = settings.keyspace();
        this.scanner = new TokenRangeScanner(session, ks, settings.scan());
        this.selectPartition = session.prepare("SELECT " + JournalRow.COLUMNS + " FROM " + ks + ".messages"
                + " WHERE persistence_id = ? AND partition_nr = ?");
        this.firstRowOfPartition = session.prepare("SELECT sequence_nr FROM " + ks + ".messages"
                + " WHERE persistence_id = ? AND partition_nr = ? LIMIT 1");
        if (settings.readOnly()) {
            this.writes = null;
            this.snapshots = false;
        } else {
            long started = System.nanoTime();
            RecastTables.create(session, ks, settings.fromVersion());
            log.info("Recast's tables and the backup table of {} ready in {} ms", ks,
                    (System.nanoTime() - started) / 1_000_000);
            this.snapshots = RecastTables.createSnapshotBackup(session, settings.snapshotKeyspace(),
                    settings.fromVersion()) && session.execute("SELECT persistence_id FROM "
                    + settings.snapshotKeyspace() + "." + JournalSchema.SNAPSHOTS + " LIMIT 1").one() != null;
            this.writes = new Writes(session, settings, snapshots);
        }
    }

    /** The statements of a writing run (none in a dry run). */
    private static final class Writes {
        final PreparedStatement selectBackupPartition;
        final PreparedStatement insertBackup;
        final PreparedStatement insertBackupWithMeta;
        final PreparedStatement insertMessage;
        final PreparedStatement insertMessageWithMeta;
        final PreparedStatement insertMessageAt;
        final PreparedStatement insertMessageWithMetaAt;
        final PreparedStatement deletePartitionAt;
        final PreparedStatement insertQuarantine;
        final PreparedStatement insertMarker;
        final PreparedStatement deleteMarker;
        final PreparedStatement selectMarkers;
        final PreparedStatement insertRenumbered;
        final PreparedStatement maxWriteTime;
        final PreparedStatement selectSnapshots;
        final PreparedStatement insertSnapshotBackup;
        final PreparedStatement deleteSnapshots;

        Writes(CqlSession session, Settings settings, boolean snapshots) {
            String ks = settings.keyspace();
            String backup = ks + "." + RecastTables.messagesBackup(settings.fromVersion());
            this.selectBackupPartition = session.prepare("SELECT " + JournalRow.COLUMNS + " FROM " + backup
                    + " WHERE persistence_id = ? AND partition_nr = ?");
            this.insertBackup = session.prepare(JournalSchema.insertMessage(ks, false).replace(ks + ".messages", backup));
            this.insertBackupWithMeta = session.prepare(JournalSchema.insertMessage(ks, true)
                    .replace(ks + ".messages", backup));
            this.insertMessage = session.prepare(JournalSchema.insertMessage(ks, false));
            this.insertMessageWithMeta = session.prepare(JournalSchema.insertMessage(ks, true));
            this.insertMessageAt = session.prepare(JournalSchema.insertMessage(ks, false) + " USING TIMESTAMP ?");
            this.insertMessageWithMetaAt = session.prepare(JournalSchema.insertMessage(ks, true) + " USING TIMESTAMP ?");
            this.deletePartitionAt = session.prepare("DELETE FROM " + ks + ".messages USING TIMESTAMP ?"
                    + " WHERE persistence_id = ? AND partition_nr = ?");
            this.insertQuarantine = session.prepare("INSERT INTO " + ks + "." + RecastTables.QUARANTINE
                    + " (run_id, persistence_id, sequence_nr, type, code, upcaster, message, cause, ser_id,"
                    + " ser_manifest, event, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.insertMarker = session.prepare("INSERT INTO " + ks + "." + RecastTables.RENUMBERING
                    + " (run_id, persistence_id, started_at) VALUES (?, ?, ?)");
            this.deleteMarker = session.prepare("DELETE FROM " + ks + "." + RecastTables.RENUMBERING
                    + " WHERE run_id = ? AND persistence_id = ?");
            this.selectMarkers = session.prepare("SELECT persistence_id FROM " + ks + "." + RecastTables.RENUMBERING
                    + " WHERE run_id = ?");
            this.insertRenumbered = session.prepare("INSERT INTO " + ks + "." + RecastTables.RENUMBERED
                    + " (from_version, persistence_id) VALUES (?, ?)");
            this.maxWriteTime = session.prepare("SELECT max(writetime(event)) FROM " + ks + ".messages"
                    + " WHERE persistence_id = ? AND partition_nr = ?");
            if (snapshots) {
                String sks = settings.snapshotKeyspace();
                this.selectSnapshots = session.prepare("SELECT JSON * FROM " + sks + ".snapshots"
                        + " WHERE persistence_id = ?");
                this.insertSnapshotBackup = session.prepare("INSERT INTO " + sks + "."
                        + RecastTables.snapshotsBackup(settings.fromVersion()) + " JSON ?");
                this.deleteSnapshots = session.prepare("DELETE FROM " + sks + ".snapshots WHERE persistence_id = ?");
            } else {
                this.selectSnapshots = null;
                this.insertSnapshotBackup = null;
                this.deleteSnapshots = null;
            }
        }
    }

    @Override
    public int sliceCount() {
        return scanner.ranges().size();
    }

    @Override
    public ScanSummary read(Set<Integer> skip, Consumer<PersistenceIdEvents> handler, IntConsumer sliceDone) {
        markers = writes == null ? Set.of() : retry.read("reading the renumbering markers of run " + settings.runId(),
                () -> session.execute(writes.selectMarkers.bind(settings.runId())).all())
                .stream().map(row -> row.getString(0)).collect(Collectors.toUnmodifiableSet());
        Set<TokenRange> skipRanges = scanner.ranges().stream().filter(r -> skip.contains(r.index()))
                .collect(Collectors.toSet());
        Map<Integer, Grouper> groupers = new ConcurrentHashMap<>();
        AtomicLong ids = new AtomicLong();
        ScanResult result = scanner.scan(skipRanges,
                (range, row) -> groupers.computeIfAbsent(range.index(), i -> new Grouper(handler, ids)).accept(row),
                (range, rows) -> {
                    Grouper grouper = groupers.remove(range.index());
                    if (grouper != null) {
                        grouper.flush();
                    }
                    sliceDone.accept(range.index());
                });
        return new ScanSummary(result.rows(), ids.get(), result.rangesScanned(), result.rangesSkipped());
    }

    /**
     * Lists the ids with {@code SELECT DISTINCT persistence_id, partition_nr} range by range (partition keys only),
     * then reads the accepted ones whole.
     */
    @Override
    public ScanSummary readSelected(java.util.function.Predicate<String> select, Consumer<PersistenceIdEvents> handler) {
        PreparedStatement first = session.prepare("SELECT DISTINCT persistence_id, partition_nr FROM "
                + settings.keyspace() + ".messages WHERE token(persistence_id, partition_nr) >= ?"
                + " AND token(persistence_id, partition_nr) <= ?");
        PreparedStatement next = session.prepare("SELECT DISTINCT persistence_id, partition_nr FROM "
                + settings.keyspace() + ".messages WHERE token(persistence_id, partition_nr) > ?"
                + " AND token(persistence_id, partition_nr) <= ?");
        long started = System.nanoTime();
        Set<String> selected = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<?>> listing = new ArrayList<>();
        java.util.concurrent.ExecutorService listers = java.util.concurrent.Executors.newFixedThreadPool(
                settings.scan().maxInFlight());
        java.util.concurrent.ExecutorService readers = null;
        for (TokenRange range : scanner.ranges()) {
            listing.add(CompletableFuture.runAsync(() -> retry.read("listing the ids of " + range,
                    () -> session.execute((range.includesStart() ? first : next)
                    .bind(range.start(), range.end()).setPageSize(5000)).all()).forEach(row -> {
                        String pid = row.getString(0);
                        if (select.test(pid)) {
                            selected.add(pid);
                        }
                    }), listers));
        }
        try {
            await(listing);
            long listed = System.nanoTime();
            // each selected id's partition 0, read concurrently; further partitions only where the id may go on
            List<CompletableFuture<Long>> reads = new ArrayList<>();
            Semaphore inFlight = new Semaphore(settings.scan().maxInFlight() * 4);
            // single-partition reads wait on the network, not the CPU: as many threads as reads in flight
            readers = java.util.concurrent.Executors.newFixedThreadPool(settings.scan().maxInFlight() * 4);
            for (String pid : new TreeSet<>(selected)) {
                inFlight.acquireUninterruptibly();
                reads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        List<JournalRow> partition = retry.read("reading " + pid, () -> session.execute(
                                selectPartition.bind(pid, 0L)).all()).stream().map(JournalRow::from).toList();
                        List<JournalRow> all = partition.isEmpty() ? readAll(pid, selectPartition, 0)
                                : wholePersistenceId(partition);
                        if (all == null || all.isEmpty()) {
                            return 0L;
                        }
                        synchronized (handler) {
                            handle(all, handler);
                        }
                        return (long) all.size();
                    } finally {
                        inFlight.release();
                    }
                }, readers));
            }
            await(reads);
            long rows = reads.stream().mapToLong(CompletableFuture::join).sum();
            log.info("first pass: listed the ids of {} in {} ms, read {} of them ({} rows) in {} ms", settings.keyspace(),
                    (listed - started) / 1_000_000, selected.size(), rows, (System.nanoTime() - listed) / 1_000_000);
            return new ScanSummary(rows, selected.size(), scanner.ranges().size(), 0);
        } finally {
            listers.shutdownNow();
            if (readers != null) {
                readers.shutdownNow();
            }
        }
    }

    /** Gathers the rows of one partition, then hands its persistence id over. One per range, on its thread. */
    private final class Grouper {
        private final Consumer<PersistenceIdEvents> handler;
        private final AtomicLong ids;
        private final List<JournalRow> rows = new ArrayList<>();

        Grouper(Consumer<PersistenceIdEvents> handler, AtomicLong ids) {
            this.handler = handler;
            this.ids = ids;
        }

        void accept(JournalRow row) {
            if (!rows.isEmpty() && (!rows.get(0).persistenceId().equals(row.persistenceId())
                    || rows.get(0).partitionNr() != row.partitionNr())) {
                flush();
            }
            rows.add(row);
        }

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            List<JournalRow> partition = List.copyOf(rows);
            rows.clear();
            List<JournalRow> whole = wholePersistenceId(partition);
            if (whole != null) {
                ids.incrementAndGet();
                handle(whole, handler);
            }
        }
    }

    /** All rows of the id if this partition is its lowest, else null (the id is handled with its lowest partition). */
    private List<JournalRow> wholePersistenceId(List<JournalRow> partition) {
        String pid = partition.get(0).persistenceId();
        long partitionNr = partition.get(0).partitionNr();
        if (markers.contains(pid)) {
            return partitionNr == lowestPartition(pid, partitionNr) ? readAll(pid, writes.selectBackupPartition, 0) : null;
        }
        long last = partition.get(partition.size() - 1).sequenceNr();
        if (partitionNr == 0 && last < settings.targetPartitionSize() - ATOMIC_WRITE_MARGIN) {
            return partition;
        }
        if (partitionNr > 0 && lowestPartition(pid, partitionNr) != partitionNr) {
            return null;
        }
        List<JournalRow> all = new ArrayList<>(partition);
        all.addAll(readAll(pid, selectPartition, partitionNr + 1));
        return all;
    }

    private long lowestPartition(String pid, long upTo) {
        for (long p = 0; p < upTo; p++) {
            long partition = p;
            if (retry.read("reading the partitions of " + pid,
                    () -> session.execute(firstRowOfPartition.bind(pid, partition)).one()) != null) {
                return p;
            }
        }
        return upTo;
    }

    /** Rows of partitions {@code from}, from+1, ... until two empty ones in a row. */
    private List<JournalRow> readAll(String pid, PreparedStatement select, long from) {
        List<JournalRow> all = new ArrayList<>();
        int empty = 0;
        for (long p = from; empty < 2; p++) {
            long partition = p;
            List<Row> rows = retry.read("reading " + pid, () -> session.execute(select.bind(pid, partition)).all());
            empty = rows.isEmpty() ? empty + 1 : 0;
            rows.forEach(row -> all.add(JournalRow.from(row)));
        }
        return all;
    }

    private void handle(List<JournalRow> rows, Consumer<PersistenceIdEvents> handler) {
        // the rows by key are for the sink's writes: a read-only (dry) run has none
        Map<EventKey, JournalRow> byKey = writes == null ? null : new LinkedHashMap<>();
        List<StoredEvent> events = new ArrayList<>(rows.size());
        List<PidRewrite.Quarantined> unreadable = new ArrayList<>();
        for (JournalRow row : rows) {
            if (byKey != null) {
                byKey.put(new EventKey(row.persistenceId(), row.sequenceNr()), row);
            }
            try {
                events.add(StoredEvent.builder()
                        .persistenceId(row.persistenceId())
                        .sequenceNr(row.sequenceNr())
                        .timestamp(Timeuuids.instant(row.timestamp()))
                        .tags(row.tags())
                        .serializerId(row.serId())
                        .type(codec.decode(row.serManifest()))
                        // the row's own array, which nobody changes: the payload need not copy it
                        .payload(Payload.ofOwnedBytes(row.event()))
                        .build());
            } catch (UnknownManifestException e) {
                unreadable.add(new PidRewrite.Quarantined(row.persistenceId(), row.sequenceNr(), row.serManifest(),
                        UpcastFailure.unknownManifest(new EventKey(row.persistenceId(), row.sequenceNr()), e)));
            }
        }
        if (byKey == null) {
            handler.accept(new PersistenceIdEvents(rows.get(0).persistenceId(), events, unreadable));
            return;
        }
        currentRows.set(byKey);
        try {
            handler.accept(new PersistenceIdEvents(rows.get(0).persistenceId(), events, unreadable));
        } finally {
            currentRows.remove();
        }
    }

    @Override
    public CompletionStage<Long> apply(PidRewrite.Rewritten rewrite) {
        requireWritable();
        Map<EventKey, JournalRow> rows = rowsOf(rewrite.persistenceId());
        if (!rewrite.renumbered()) {
            // one single-partition batch of backups, then one of new rows, per partition of the id
            List<EventRewrite> changed = rewrite.changed();
            Map<Long, List<EventRewrite>> byPartition = new TreeMap<>();
            changed.forEach(r -> byPartition.computeIfAbsent(rows.get(r.source().key()).partitionNr(),
                    p -> new ArrayList<>()).add(r));
            return all(byPartition.values().stream().map(part -> execute(batch(part.stream()
                            .map(r -> backupStatement(rows.get(r.source().key()))).toList()))).toList())
                    .thenCompose(backedUp -> all(byPartition.values().stream().map(part -> execute(batch(part.stream()
                            .map(r -> insert(output(rows.get(r.source().key()), r.outputs().get(0), 0), -1))
                            .toList()))).toList()))
                    .thenApply(written -> 2L * changed.size());
        }
        List<JournalRow> outputs = new ArrayList<>();
        for (EventRewrite r : rewrite.events()) {
            JournalRow source = rows.get(r.source().key());
            for (int k = 0; k < r.outputs().size(); k++) {
                outputs.add(output(source, r.outputs().get(k), k));
            }
        }
        Set<Long> partitions = new TreeSet<>();
        rows.values().forEach(row -> partitions.add(row.partitionNr()));
        outputs.forEach(row -> partitions.add(row.partitionNr()));
        String pid = rewrite.persistenceId();
        Map<Long, List<JournalRow>> sourcesByPartition = new TreeMap<>();
        rows.values().forEach(row -> sourcesByPartition.computeIfAbsent(row.partitionNr(), p -> new ArrayList<>())
                .add(row));
        List<CompletableFuture<?>> first = new ArrayList<>(sourcesByPartition.values().stream()
                .map(part -> execute(batch(part.stream().map(this::backupStatement).toList()))).toList());
        first.add(execute(writes.insertRenumbered.bind(settings.fromVersion(), pid)));
        CompletableFuture<Long> snapshotsRemoved = removeSnapshots(pid);
        CompletableFuture<Long> latestWrite = maxWriteTime(pid, partitions);
        return all(first)
                .thenCompose(backedUp -> snapshotsRemoved)
                .thenCompose(snapshots -> latestWrite.thenCompose(maxWriteTime -> {
                    long writeTime = Math.max(System.currentTimeMillis() * 1000, maxWriteTime + 1);
                    long written = rows.size() + 1L + snapshots;
                    if (partitions.size() == 1) {
                        return execute(replacePartition(pid, partitions.iterator().next(), outputs, writeTime))
                                .thenApply(done -> written + 1 + outputs.size());
                    }
                    // across partitions: behind a marker, so that a resumed run rebuilds the id from its backup
                    CompletableFuture<?> chain = execute(writes.insertMarker.bind(settings.runId(), pid, Instant.now()));
                    for (long partition : partitions) {
                        chain = chain.thenCompose(done -> execute(replacePartition(pid, partition, outputs, writeTime)));
                    }
                    return chain.thenCompose(done -> execute(writes.deleteMarker.bind(settings.runId(), pid)))
                            .thenApply(done -> written + partitions.size() + outputs.size());
                }));
    }

    /** One single-partition batch: the partition deleted at T, its new rows inserted at T+1 (atomic and isolated). */
    private BatchStatement replacePartition(String pid, long partition, List<JournalRow> outputs, long writeTime) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        batch.addStatement(writes.deletePartitionAt.bind(writeTime, pid, partition));
        outputs.stream().filter(row -> row.partitionNr() == partition)
                .forEach(row -> batch.addStatement(insert(row, writeTime + 1)));
        return batch.build().setIdempotent(true);
    }

    /** The latest write time of the id's cells, so that the replacement always wins over them. */
    private CompletableFuture<Long> maxWriteTime(String pid, Set<Long> partitions) {
        List<CompletableFuture<Long>> times = partitions.stream().map(partition -> retry.async(
                "reading the write times of " + pid, false, () -> session.executeAsync(
                writes.maxWriteTime.bind(pid, partition))).thenApply(result -> {
                    Row row = result.one();
                    return row == null || row.isNull(0) ? 0L : row.getLong(0);
                })).toList();
        return CompletableFuture.allOf(times.toArray(CompletableFuture[]::new))
                .thenApply(done -> times.stream().mapToLong(CompletableFuture::join).max().orElse(0));
    }

    /** A write, fenced and retried while Cassandra does not answer. */
    private CompletableFuture<?> execute(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
        return retry.async("writing the rewrite of the journal", true, () -> session.executeAsync(statement));
    }

    private static CompletableFuture<Void> all(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    @Override
    public void quarantine(String runId, PidRewrite.HeldBack heldBack) {
        requireWritable();
        Map<EventKey, JournalRow> rows = rowsOf(heldBack.persistenceId());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (PidRewrite.Quarantined q : heldBack.failures()) {
            JournalRow row = rows.get(new EventKey(q.persistenceId(), q.sequenceNr()));
            BoundStatement insert = writes.insertQuarantine.bind(runId, q.persistenceId(), q.sequenceNr(), q.type(),
                    q.failure().code().name(), q.failure().upcaster(), q.failure().message(), q.failure().cause(),
                    row == null ? null : row.serId(), row == null ? null : row.serManifest(),
                    row == null ? null : ByteBuffer.wrap(row.event()), Instant.now()).setIdempotent(true);
            pending.add(retry.async("quarantining " + q.persistenceId() + "#" + q.sequenceNr(), true,
                    () -> session.executeAsync(insert)));
        }
        await(pending);
    }

    private void requireWritable() {
        if (writes == null) {
            throw new IllegalStateException("This journal rewrite is read-only (a dry run): it writes nothing");
        }
    }

    private Map<EventKey, JournalRow> rowsOf(String persistenceId) {
        Map<EventKey, JournalRow> rows = currentRows.get();
        if (rows == null || rows.isEmpty() || !rows.keySet().iterator().next().persistenceId().equals(persistenceId)) {
            throw new IllegalStateException("The rewrite of " + persistenceId + " must be applied while its events are "
                    + "being read (inside the handler given to read)");
        }
        return new HashMap<>(rows);
    }

    /** The row that an output becomes: the source's columns, the output's content; the k-th output of a split later by k ticks. */
    private JournalRow output(JournalRow source, StoredEvent output, int k) {
        return new JournalRow(source.persistenceId(),
                JournalSchema.partitionNr(output.sequenceNr(), settings.targetPartitionSize()), output.sequenceNr(),
                Timeuuids.plusTicks(source.timestamp(), k), source.timebucket(), source.writerUuid(),
                output.serializerId(), codec.encode(output.type()), source.eventManifest(), output.payload().bytes(),
                source.metaSerId(), source.metaSerManifest(), source.meta(), output.tags());
    }

    private BoundStatement backupStatement(JournalRow row) {
        return row.bindInsert(row.hasMeta() ? writes.insertBackupWithMeta : writes.insertBackup, -1);
    }

    /** An unlogged batch of statements on one partition (exempt from the batch size limits, atomic, isolated). */
    private static BatchStatement batch(List<BoundStatement> statements) {
        BatchStatementBuilder builder = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        statements.forEach(builder::addStatement);
        return builder.build().setIdempotent(true);
    }

    private BoundStatement insert(JournalRow row, long writeTime) {
        PreparedStatement statement = writeTime < 0
                ? (row.hasMeta() ? writes.insertMessageWithMeta : writes.insertMessage)
                : (row.hasMeta() ? writes.insertMessageWithMetaAt : writes.insertMessageAt);
        return row.bindInsert(statement, writeTime);
    }

    private CompletableFuture<Long> removeSnapshots(String persistenceId) {
        if (!snapshots) {
            return CompletableFuture.completedFuture(0L);
        }
        return retry.async("reading the snapshots of " + persistenceId, false,
                () -> session.executeAsync(writes.selectSnapshots.bind(persistenceId)))
                .thenCompose(result -> {
                    List<String> rows = new ArrayList<>();
                    result.currentPage().forEach(row -> rows.add(row.getString(0)));
                    if (rows.isEmpty()) {
                        return CompletableFuture.completedFuture(0L);
                    }
                    return all(rows.stream().map(json -> execute(writes.insertSnapshotBackup.bind(json))).toList())
                            .thenCompose(backedUp -> execute(writes.deleteSnapshots.bind(persistenceId)))
                            .thenApply(deleted -> rows.size() + 1L);
                });
    }

    private static void await(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
