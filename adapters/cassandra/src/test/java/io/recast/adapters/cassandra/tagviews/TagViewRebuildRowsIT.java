package io.recast.adapters.cassandra.tagviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds tag views from a journal written row by row (no plugin), to reach the cases a live service rarely
 * produces: deleted events still in {@code messages}, ids whose first partitions are gone, ids spread over several
 * partitions with an atomic write spilling over a boundary, metadata, events larger than a batch, time buckets of
 * every size, and an id with the same sequence number twice. The expected rows come from a plain model of the
 * plugin's rules written in this test.
 */
@RealServers
class TagViewRebuildRowsIT {

    private static final String KEYSPACE = "tag_view_rebuild_rows_it";
    private static final long TARGET_PARTITION_SIZE = 10;
    private static final int MAX_BATCH_BYTES = 48 * 1024;
    private static final TokenRangeScanner.Settings SCAN = TokenRangeScanner.Settings.defaults()
            .withRangeCount(16).withMaxInFlight(4).withPageSize(10);
    /** 2024-03-10T22:00:00Z. */
    private static final long BASE = Instant.parse("2024-03-10T22:00:00Z").toEpochMilli();

    private static CqlSession session;
    private static final List<JournalRow> journal = new ArrayList<>();
    private static final Map<String, Long> deletedTo = new HashMap<>();
    private static final Queue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    private static final Queue<Integer> singleTagViewSizes = new ConcurrentLinkedQueue<>();
    private static TagViewRebuild.Result hourly;
    private static TagTables hourlyTables;

    @BeforeAll
    static void writeJournalAndRebuild(LocalCassandra cassandra) {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);
        writeJournal();

        hourly = new TagViewRebuild(recording(session), settings("hourly")).run();
        hourlyTables = TagTables.read(session, KEYSPACE);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void rebuiltTablesAreExactlyThoseOfThePluginsRules() {
        assertEquals("", expected(TimeBucketSize.HOUR).differences(hourlyTables, 30), "model vs rebuilt");
        assertEquals(journal.size(), hourly.eventsRead());
        assertEquals(3 + 2, hourly.eventsSkippedAsDeleted());
        assertEquals(expected(TimeBucketSize.HOUR).tagViews().size(), hourly.tagRowsWritten());
        assertEquals(journal.stream().map(JournalRow::persistenceId).distinct().count(), hourly.persistenceIds());
        assertEquals(Set.of("alpha", "beta", "gamma", "delta", "big"), hourly.tags());
    }

    @Test
    void eventsAtOrBelowDeletedToAreLeftOutAndTheOthersNumberedFromOne() {
        assertEquals(Map.of(4L, 1L, 5L, 2L, 6L, 3L, 7L, 4L, 8L, 5L), numbers("alpha", "deleted-1"));
        assertEquals(Map.of(4L, 1L, 6L, 2L, 8L, 3L), numbers("beta", "deleted-1"));
        assertEquals(Map.of(), numbers("alpha", "deleted-all"));
        assertFalse(hourlyTables.progress().containsKey("[deleted-all, alpha]"), "nothing written, no progress");
        assertEquals(2L, hourlyTables.scanning().get("[deleted-all]").get("sequence_nr"), "highest, deleted or not");
        Map<String, Object> progress = hourlyTables.progress().get("[deleted-1, alpha]");
        assertEquals(8L, progress.get("sequence_nr"));
        assertEquals(5L, progress.get("tag_pid_sequence_nr"));
        assertEquals(row("deleted-1", 8).timestamp(), progress.get("offset"));
    }

    @Test
    void anIdWhoseFirstPartitionsAreGoneIsRebuiltFromItsLowestPartition() {
        assertEquals(Map.of(11L, 1L, 12L, 2L, 13L, 3L, 14L, 4L, 15L, 5L, 16L, 6L), numbers("alpha", "moved-1"));
        assertEquals(16L, hourlyTables.scanning().get("[moved-1]").get("sequence_nr"));
    }

    @Test
    void anIdSpreadOverPartitionsIsNumberedContinuouslyAcrossThem() {
        assertTrue(journal.stream().anyMatch(row -> row.persistenceId().equals("long-1") && row.partitionNr() == 2));
        Map<Long, Long> alpha = numbers("alpha", "long-1");
        assertEquals(journal.stream().filter(row -> row.persistenceId().equals("long-1")
                && row.tags().contains("alpha")).count(), alpha.size());
        long expected = 1;
        for (long number : new TreeMap<>(alpha).values()) {
            assertEquals(expected++, number);
        }
        assertEquals(25L, hourlyTables.scanning().get("[long-1]").get("sequence_nr"));
    }

    @Test
    void metadataColumnsAreCopiedWhenTheEventHasMetadataAndAbsentOtherwise() {
        int withMeta = 0;
        for (Map<String, Object> tagRow : hourlyTables.tagViews().values()) {
            if (!tagRow.get("persistence_id").equals("meta-1")) {
                continue;
            }
            JournalRow event = row("meta-1", (Long) tagRow.get("sequence_nr"));
            if (event.hasMeta()) {
                withMeta++;
                assertEquals(event.metaSerId(), tagRow.get("meta_ser_id"));
                assertEquals(event.metaSerManifest(), tagRow.get("meta_ser_manifest"));
                assertEquals(TagTables.hex(ByteBuffer.wrap(event.meta())), tagRow.get("meta"));
            } else {
                assertEquals(null, tagRow.get("meta_ser_id"));
                assertEquals(null, tagRow.get("meta_ser_manifest"));
                assertEquals(null, tagRow.get("meta"));
            }
        }
        assertEquals(3, withMeta);
    }

    @Test
    void batchesStayWithinTheirByteBoundAndALargerEventGoesAlone() {
        assertFalse(batchSizes.isEmpty());
        for (int size : batchSizes) {
            assertTrue(size <= MAX_BATCH_BYTES, "a batch of " + size + " bytes");
        }
        assertTrue(batchSizes.stream().anyMatch(size -> size > MAX_BATCH_BYTES / 2), "batches are filled");
        assertTrue(singleTagViewSizes.stream().anyMatch(size -> size > 100 * 1024), "the 100 KiB event, alone");
        assertEquals(batchSizes.size() + singleTagViewSizes.size(), hourly.batchesWritten());
    }

    @Test
    void timeBucketsFollowTheConfiguredSize() {
        for (TimeBucketSize size : List.of(TimeBucketSize.DAY, TimeBucketSize.MINUTE, TimeBucketSize.SECOND)) {
            new TagViewReset(session, KEYSPACE).reset();
            new TagViewRebuild(session, settings("buckets-" + size)).run();
            assertEquals("", expected(size).differences(TagTables.read(session, KEYSPACE), 30), "bucket size " + size);
        }
        Set<Object> days = new TreeSet<>();
        expected(TimeBucketSize.DAY).tagViews().values().stream()
                .filter(row -> row.get("persistence_id").equals("bucket-1"))
                .forEach(row -> days.add(row.get("timebucket")));
        assertEquals(Set.of(Instant.parse("2024-03-10T00:00:00Z").toEpochMilli(),
                Instant.parse("2024-03-11T00:00:00Z").toEpochMilli()), days, "bucket-1 spans midnight");
    }

    @Test
    void idsWithTheSameSequenceNumberTwiceAreReported() {
        assertEquals(List.of("twice-1"), hourly.irregularPersistenceIds());
        assertEquals(1, hourly.irregularPersistenceIdCount());
    }

    @Test
    void aRunIdResumedWithAnotherNumberOfRangesIsRefusedUntilForgotten() {
        TagViewRebuild.Settings sixteen = settings("range-count");
        new TagViewRebuild(session, sixteen).run();
        TagViewRebuild eight = new TagViewRebuild(session, sixteen.withScan(SCAN.withRangeCount(8)));
        assertThrows(IllegalStateException.class, eight::run);
        eight.forgetCheckpoints();
        assertEquals(Set.of(), eight.completedRanges());
        assertEquals(8, eight.run().rangesScanned());
    }

    @Test
    void resetRefusesAKeyspaceWithoutTheTagTables() {
        session.execute("DROP KEYSPACE IF EXISTS tag_view_reset_missing_it");
        session.execute(JournalSchema.createJournalKeyspace("tag_view_reset_missing_it", 1));
        session.execute(JournalSchema.createMessagesTable("tag_view_reset_missing_it"));
        assertThrows(IllegalStateException.class, () -> new TagViewReset(session, "tag_view_reset_missing_it").reset());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TagViewRebuild.Settings settings(String runId) {
        TimeBucketSize size = runId.startsWith("buckets-") ? TimeBucketSize.valueOf(runId.substring(8))
                : TimeBucketSize.HOUR;
        return TagViewRebuild.Settings.defaults(KEYSPACE, "rows-it-" + runId)
                .withBucketSize(size)
                .withTargetPartitionSize(TARGET_PARTITION_SIZE)
                .withScan(SCAN)
                .withMaxBatchBytes(MAX_BATCH_BYTES)
                .withMaxWritesInFlight(4);
    }

    /** The journal: see the class comment. Timestamps grow with sequence numbers within each id. */
    private static void writeJournal() {
        SplittableRandom random = new SplittableRandom(7);
        // deleted_to 3 with rows 1..8 still there; every row deleted; partition 0 gone (deleted_to 10)
        for (long seq = 1; seq <= 8; seq++) {
            add("deleted-1", 0, seq, at(1, seq), seq % 2 == 0 ? Set.of("alpha", "beta") : Set.of("alpha"), 64, false);
        }
        deletedTo.put("deleted-1", 3L);
        add("deleted-all", 0, 1, at(2, 1), Set.of("alpha"), 64, false);
        add("deleted-all", 0, 2, at(2, 2), Set.of("alpha"), 64, false);
        deletedTo.put("deleted-all", 5L);
        for (long seq = 11; seq <= 16; seq++) {
            add("moved-1", 1, seq, at(3, seq), Set.of("alpha"), 64, false);
        }
        deletedTo.put("moved-1", 10L);
        // three partitions; 9 and 10 were written with 11 (an atomic write over the boundary), so in partition 1
        for (long seq = 1; seq <= 25; seq++) {
            long partition = seq <= 8 ? 0 : seq <= 20 ? 1 : 2;
            Set<String> tags = switch ((int) (seq % 4)) {
                case 0 -> Set.of("alpha");
                case 1 -> Set.of("beta");
                case 2 -> Set.of("alpha", "beta");
                default -> Set.of();
            };
            add("long-1", partition, seq, at(4, seq), tags, 64, false);
        }
        for (long seq = 1; seq <= 6; seq++) {
            add("meta-1", 0, seq, at(5, seq), seq == 4 ? Set.of() : Set.of("gamma"), 64, seq % 2 == 1);
        }
        for (int id = 1; id <= 3; id++) {
            for (long seq = 1; seq <= 12; seq++) {
                add("large-" + id, 0, seq, at(5 + id, seq), Set.of("big"), 10 * 1024, false);
            }
        }
        add("huge-1", 0, 1, at(9, 1), Set.of("big"), 100 * 1024, false);
        add("twice-1", 0, 1, at(10, 1), Set.of("alpha"), 64, false);
        add("twice-1", 0, 2, at(10, 2), Set.of("alpha"), 64, false);
        add("twice-1", 0, 2, at(10, 3), Set.of("alpha"), 64, false);
        long[] aroundMidnight = {Instant.parse("2024-03-10T23:59:30Z").toEpochMilli(),
                Instant.parse("2024-03-10T23:59:59.500Z").toEpochMilli(),
                Instant.parse("2024-03-11T00:00:00.100Z").toEpochMilli(),
                Instant.parse("2024-03-11T00:01:05Z").toEpochMilli()};
        for (int i = 0; i < aroundMidnight.length; i++) {
            add("bucket-1", 0, i + 1, timeUuid(aroundMidnight[i], i), Set.of("delta"), 64, false);
        }
        for (long seq = 1; seq <= 3; seq++) {
            add("untagged-1", 0, seq, at(11, seq), Set.of(), 64, false);
        }
        List<String> tags = List.of("alpha", "beta", "gamma");
        for (int id = 0; id < 40; id++) {
            int events = 1 + random.nextInt(5);
            for (long seq = 1; seq <= events; seq++) {
                Set<String> eventTags = random.nextInt(4) == 0 ? Set.of() : Set.of(tags.get(random.nextInt(3)));
                add("plain-%02d".formatted(id), 0, seq, at(20 + id, seq), eventTags, 16 + random.nextInt(200),
                        false);
            }
        }

        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(KEYSPACE, false));
        PreparedStatement insertWithMeta = session.prepare(JournalSchema.insertMessage(KEYSPACE, true));
        for (JournalRow row : journal) {
            List<Object> values = new ArrayList<>(List.of(row.persistenceId(), row.partitionNr(), row.sequenceNr(),
                    row.timestamp(), row.timebucket(), row.writerUuid(), row.serId(), row.serManifest(),
                    row.eventManifest(), ByteBuffer.wrap(row.event())));
            if (row.hasMeta()) {
                values.addAll(List.of(row.metaSerId(), row.metaSerManifest(), ByteBuffer.wrap(row.meta())));
            }
            values.add(row.tags());
            session.execute((row.hasMeta() ? insertWithMeta : insert).bind(values.toArray()));
        }
        deletedTo.forEach((id, to) -> session.execute("INSERT INTO " + KEYSPACE + ".metadata (persistence_id,"
                + " deleted_to) VALUES (?, ?)", id, to));
    }

    private static void add(String persistenceId, long partitionNr, long sequenceNr, UUID timestamp, Set<String> tags,
                            int eventBytes, boolean meta) {
        byte[] event = new byte[eventBytes];
        new SplittableRandom(persistenceId.hashCode() * 31L + sequenceNr).nextBytes(event);
        long hour = TimeBucketSize.HOUR.bucketOf(timestamp);
        journal.add(new JournalRow(persistenceId, partitionNr, sequenceNr, timestamp, Long.toString(hour),
                "writer-" + persistenceId, 20, "", "", event, meta ? 7 : null, meta ? "M" : null,
                meta ? ("meta-" + sequenceNr).getBytes(StandardCharsets.UTF_8) : null, tags));
    }

    /** The timestamp of an id's event: ids a minute apart, events 100 ms apart, all within one hour. */
    private static UUID at(int id, long sequenceNr) {
        return timeUuid(BASE + id * 60_000L + sequenceNr * 100, (int) sequenceNr);
    }

    /** A time-based UUID of the instant plus some 100-ns ticks. */
    private static UUID timeUuid(long epochMillis, int ticks) {
        long timestamp = epochMillis * 10_000 + 0x01B21DD213814000L + ticks;
        long msb = ((timestamp & 0xFFFFFFFFL) << 32) | (((timestamp >>> 32) & 0xFFFFL) << 16) | 0x1000L
                | ((timestamp >>> 48) & 0x0FFFL);
        return new UUID(msb, 0x8000_0000_0000_0000L | 0x1234_5678L);
    }

    private static JournalRow row(String persistenceId, long sequenceNr) {
        return journal.stream().filter(row -> row.persistenceId().equals(persistenceId)
                && row.sequenceNr() == sequenceNr).findFirst().orElseThrow();
    }

    /** Sequence number to tag_pid_sequence_nr of the rebuilt rows of a tag and id. */
    private static Map<Long, Long> numbers(String tag, String persistenceId) {
        Map<Long, Long> numbers = new HashMap<>();
        for (Map<String, Object> row : hourlyTables.tagViews().values()) {
            if (row.get("tag_name").equals(tag) && row.get("persistence_id").equals(persistenceId)) {
                numbers.put((Long) row.get("sequence_nr"), (Long) row.get("tag_pid_sequence_nr"));
            }
        }
        return numbers;
    }

    /** The model: the plugin's rules applied to the journal in (persistence id, sequence nr, timestamp) order. */
    private static TagTables expected(TimeBucketSize bucketSize) {
        List<JournalRow> ordered = new ArrayList<>(journal);
        ordered.sort(Comparator.comparing(JournalRow::persistenceId).thenComparingLong(JournalRow::sequenceNr)
                .thenComparing(JournalRow::timestamp, Comparator.comparingLong(UUID::timestamp)));
        Map<String, Map<String, Object>> tagViews = new TreeMap<>();
        Map<String, Map<String, Object>> progress = new TreeMap<>();
        Map<String, Map<String, Object>> scanning = new TreeMap<>();
        Map<List<String>, Long> counters = new HashMap<>();
        for (JournalRow row : ordered) {
            scanning.put(List.of(row.persistenceId()).toString(), new TreeMap<>(Map.of(
                    "persistence_id", row.persistenceId(), "sequence_nr", row.sequenceNr())));
            if (row.sequenceNr() <= deletedTo.getOrDefault(row.persistenceId(), 0L)) {
                continue;
            }
            for (String tag : row.tags()) {
                long number = counters.merge(List.of(tag, row.persistenceId()), 1L, Long::sum);
                long bucket = bucketSize.bucketOf(row.timestamp());
                Map<String, Object> columns = new LinkedHashMap<>();
                columns.put("tag_name", tag);
                columns.put("timebucket", bucket);
                columns.put("timestamp", row.timestamp());
                columns.put("persistence_id", row.persistenceId());
                columns.put("tag_pid_sequence_nr", number);
                columns.put("sequence_nr", row.sequenceNr());
                columns.put("writer_uuid", row.writerUuid());
                columns.put("ser_id", row.serId());
                columns.put("ser_manifest", row.serManifest());
                columns.put("event_manifest", row.eventManifest());
                columns.put("event", TagTables.hex(ByteBuffer.wrap(row.event())));
                columns.put("meta_ser_id", row.metaSerId());
                columns.put("meta_ser_manifest", row.metaSerManifest());
                columns.put("meta", row.hasMeta() ? TagTables.hex(ByteBuffer.wrap(row.meta())) : null);
                tagViews.put(Arrays.asList(tag, bucket, row.timestamp(), row.persistenceId(), number).toString(),
                        new TreeMap<>(columns));
                progress.put(List.of(row.persistenceId(), tag).toString(), new TreeMap<>(Map.of(
                        "persistence_id", row.persistenceId(), "tag", tag, "sequence_nr", row.sequenceNr(),
                        "tag_pid_sequence_nr", number, "offset", row.timestamp())));
            }
        }
        return new TagTables(tagViews, progress, scanning);
    }

    /** The session, recording the encoded size of every batch and of every single tag view insert it executes. */
    private static CqlSession recording(CqlSession session) {
        return (CqlSession) Proxy.newProxyInstance(TagViewRebuildRowsIT.class.getClassLoader(),
                new Class<?>[] {CqlSession.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("executeAsync") && arguments != null && arguments.length == 1
                            && arguments[0] instanceof Statement<?> statement) {
                        record(session, statement);
                    }
                    try {
                        return method.invoke(session, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void record(CqlSession session, Statement<?> statement) {
        if (statement instanceof BatchStatement batch) {
            boolean tagViews = false;
            for (BatchableStatement<?> inner : batch) {
                tagViews |= inner instanceof BoundStatement bound
                        && bound.getPreparedStatement().getQuery().contains("." + JournalSchema.TAG_VIEWS + " ");
            }
            if (tagViews) {
                batchSizes.add(batch.computeSizeInBytes(session.getContext()));
            }
        } else if (statement instanceof BoundStatement bound
                && bound.getPreparedStatement().getQuery().contains("." + JournalSchema.TAG_VIEWS + " ")) {
            singleTagViewSizes.add(bound.computeSizeInBytes(session.getContext()));
        }
    }
}
