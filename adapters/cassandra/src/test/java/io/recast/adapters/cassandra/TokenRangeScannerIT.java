package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans a journal of 5,000 events of 500 persistence ids on a real Cassandra: every fifth id has its events in
 * two partitions (partition_nr 0 and 1, as with a target partition size of 5).
 */
@RealServers
class TokenRangeScannerIT {

    private static final String KEYSPACE = "token_range_scan_it";
    private static final int PERSISTENCE_IDS = 500;
    private static final int EVENTS_PER_ID = 10;
    private static final long SPLIT_PARTITION_SIZE = 5;
    private static final long HOUR = 3_600_000L;
    private static final TokenRangeScanner.Settings SIXTEEN_RANGES_FOUR_IN_FLIGHT = TokenRangeScanner.Settings
            .defaults().withRangeCount(16).withMaxInFlight(4).withPageSize(100);

    private static CqlSession session;
    private static Map<EventKey, JournalRow> written;

    /** The identity of a messages row. */
    private record EventKey(String persistenceId, long partitionNr, long sequenceNr) {
        static EventKey of(JournalRow row) {
            return new EventKey(row.persistenceId(), row.partitionNr(), row.sequenceNr());
        }

        PartitionKey partition() {
            return new PartitionKey(persistenceId, partitionNr);
        }
    }

    private record PartitionKey(String persistenceId, long partitionNr) {
    }

    @BeforeAll
    static void writeJournal(LocalCassandra cassandra) throws Exception {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);

        written = journalRows();
        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(KEYSPACE, false));
        PreparedStatement insertWithMeta = session.prepare(JournalSchema.insertMessage(KEYSPACE, true));
        Semaphore inFlight = new Semaphore(128);
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
        for (JournalRow row : written.values()) {
            inFlight.acquire();
            CompletionStage<AsyncResultSet> write = session.executeAsync(row.hasMeta()
                    ? insertWithMeta.bind(row.persistenceId(), row.partitionNr(), row.sequenceNr(), row.timestamp(),
                            row.timebucket(), row.writerUuid(), row.serId(), row.serManifest(), row.eventManifest(),
                            ByteBuffer.wrap(row.event()), row.metaSerId(), row.metaSerManifest(),
                            ByteBuffer.wrap(row.meta()), row.tags())
                    : insert.bind(row.persistenceId(), row.partitionNr(), row.sequenceNr(), row.timestamp(),
                            row.timebucket(), row.writerUuid(), row.serId(), row.serManifest(), row.eventManifest(),
                            ByteBuffer.wrap(row.event()), row.tags()));
            writes.add(write.whenComplete((result, failure) -> inFlight.release()).toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        assertEquals(PERSISTENCE_IDS * EVENTS_PER_ID, written.size());
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    /** Rows as the plugin writes them: time-based UUIDs in write order, hour buckets, some metadata and tags. */
    private static Map<EventKey, JournalRow> journalRows() {
        SplittableRandom random = new SplittableRandom(7);
        Map<EventKey, JournalRow> rows = new HashMap<>();
        for (int id = 0; id < PERSISTENCE_IDS; id++) {
            String persistenceId = "account-" + id;
            String writerUuid = UUID.randomUUID().toString();
            boolean twoPartitions = id % 5 == 0;
            for (long sequenceNr = 1; sequenceNr <= EVENTS_PER_ID; sequenceNr++) {
                UUID timestamp = Uuids.timeBased();
                long bucket = Uuids.unixTimestamp(timestamp) / HOUR * HOUR;
                byte[] event = new byte[10 + random.nextInt(300)];
                random.nextBytes(event);
                boolean withMeta = sequenceNr % 7 == 0;
                byte[] meta = withMeta ? new byte[] {(byte) id, (byte) sequenceNr} : null;
                Set<String> tags = switch ((int) (sequenceNr % 3)) {
                    case 0 -> Set.of();
                    case 1 -> Set.of("accounts");
                    default -> Set.of("accounts", "eu");
                };
                JournalRow row = new JournalRow(persistenceId,
                        twoPartitions ? JournalSchema.partitionNr(sequenceNr, SPLIT_PARTITION_SIZE) : 0, sequenceNr,
                        timestamp, Long.toString(bucket), writerUuid, random.nextBoolean() ? 33 : 1001,
                        "AccountEvent" + sequenceNr % 4, sequenceNr % 2 == 0 ? "" : "v2", event,
                        withMeta ? 5 : null, withMeta ? "Meta" : null, meta, tags);
                rows.put(EventKey.of(row), row);
            }
        }
        return rows;
    }

    /** Records what a scan delivers and checks order per range as it goes. */
    private static final class Recorder implements RangeConsumer, ScanListener {
        final Map<EventKey, AtomicInteger> seen = new ConcurrentHashMap<>();
        final Map<EventKey, JournalRow> rows = new ConcurrentHashMap<>();
        final Map<EventKey, TokenRange> rangeOf = new ConcurrentHashMap<>();
        final Map<TokenRange, Long> done = new ConcurrentHashMap<>();
        final Map<TokenRange, JournalRow> lastOfRange = new ConcurrentHashMap<>();
        final Set<PartitionKey> finishedPartitions = ConcurrentHashMap.newKeySet();
        final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger maxActive = new AtomicInteger();
        final AtomicLong delivered = new AtomicLong();

        @Override
        public void accept(TokenRange range, JournalRow row) {
            delivered.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            EventKey key = EventKey.of(row);
            seen.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            rows.put(key, row);
            rangeOf.put(key, range);
            JournalRow previous = lastOfRange.put(range, row);
            if (previous == null) {
                maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            } else if (EventKey.of(previous).partition().equals(key.partition())) {
                if (row.sequenceNr() <= previous.sequenceNr()) {
                    violations.add(key + " after " + EventKey.of(previous) + " in " + range);
                }
            } else {
                finishedPartitions.add(EventKey.of(previous).partition());
            }
            if (finishedPartitions.contains(key.partition())) {
                violations.add(key + " arrived after its partition had ended, in " + range);
            }
        }

        @Override
        public void rangeDone(TokenRange range, long rows) {
            if (done.put(range, rows) != null) {
                violations.add(range + " reported done twice");
            }
            if (lastOfRange.containsKey(range)) {
                active.decrementAndGet();
            }
        }
    }

    @Test
    void deliversEveryRowExactlyOnceWithItsContent() {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);
        Recorder recorder = new Recorder();

        ScanResult result = scanner.scan(recorder, recorder);

        assertEquals(written.size(), result.rows());
        assertEquals(16, result.rangesScanned());
        assertEquals(0, result.rangesSkipped());
        assertEquals(written.keySet(), recorder.seen.keySet());
        List<EventKey> duplicates = recorder.seen.entrySet().stream().filter(e -> e.getValue().get() != 1)
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(), duplicates, "rows delivered more than once");
        for (Map.Entry<EventKey, JournalRow> expected : written.entrySet()) {
            assertEquals(expected.getValue(), recorder.rows.get(expected.getKey()));
        }
        assertEquals(16, recorder.done.size(), "every range reported done");
        assertEquals(written.size(), recorder.done.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void deliversEachPartitionTogetherInSequenceOrder() {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);
        Recorder recorder = new Recorder();

        scanner.scan(recorder, recorder);

        assertEquals(List.of(), recorder.violations);
        long splitIds = recorder.seen.keySet().stream().filter(key -> key.partitionNr() == 1)
                .map(EventKey::persistenceId).distinct().count();
        assertEquals(PERSISTENCE_IDS / 5, splitIds, "ids with a second partition");
    }

    @Test
    void readsAtMostFourRangesAtOnceAndEachPartitionInTheRangeOfItsToken() {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);
        Recorder recorder = new Recorder();

        scanner.scan(recorder, recorder);

        assertTrue(recorder.maxActive.get() <= 4, "ranges in flight: " + recorder.maxActive.get());
        assertTrue(recorder.threads.size() <= 4, "worker threads: " + recorder.threads);
        assertTrue(recorder.done.values().stream().filter(rows -> rows > 0).count() >= 12,
                "rows spread over the ranges: " + recorder.done);
        Map<PartitionKey, Long> tokens = new HashMap<>();
        for (Row row : session.execute("SELECT token(persistence_id, partition_nr), persistence_id, partition_nr"
                + " FROM " + KEYSPACE + ".messages PER PARTITION LIMIT 1")) {
            tokens.put(new PartitionKey(row.getString(1), row.getLong(2)), row.getLong(0));
        }
        assertEquals(PERSISTENCE_IDS + PERSISTENCE_IDS / 5, tokens.size(), "partitions");
        for (Map.Entry<EventKey, TokenRange> delivered : recorder.rangeOf.entrySet()) {
            long token = tokens.get(delivered.getKey().partition());
            assertTrue(delivered.getValue().contains(token), delivered.getKey() + " with token " + token
                    + " came from " + delivered.getValue());
        }
    }

    @Test
    void skippingRangesSkipsExactlyTheirRows() {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);
        Recorder full = new Recorder();
        scanner.scan(full, full);
        Set<TokenRange> skip = Set.of(scanner.ranges().get(0), scanner.ranges().get(3), scanner.ranges().get(4),
                scanner.ranges().get(9), scanner.ranges().get(15));
        Set<EventKey> expected = full.rangeOf.entrySet().stream().filter(e -> !skip.contains(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        Recorder rest = new Recorder();
        ScanResult result = scanner.scan(skip, rest, rest);

        assertEquals(expected, rest.seen.keySet());
        assertEquals(expected.size(), result.rows());
        assertTrue(expected.size() < written.size() && !expected.isEmpty(), "the skipped ranges held rows");
        assertEquals(11, result.rangesScanned());
        assertEquals(5, result.rangesSkipped());
        Set<TokenRange> reported = new HashSet<>(rest.done.keySet());
        Set<TokenRange> others = new HashSet<>(scanner.ranges());
        others.removeAll(skip);
        assertEquals(others, reported);
    }

    @Test
    void aFailingConsumerAbortsTheScanAndNamesTheRange() throws Exception {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);
        Recorder recorder = new Recorder();
        IllegalStateException boom = new IllegalStateException("projection failed");
        AtomicLong calls = new AtomicLong();

        TokenRangeScanException failure = assertThrows(TokenRangeScanException.class, () -> scanner.scan(
                (range, row) -> {
                    if (calls.incrementAndGet() == 1_000) {
                        throw boom;
                    }
                    recorder.accept(range, row);
                }, recorder));

        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(boom, failure.getCause());
        assertTrue(failure.range().isPresent());
        assertTrue(recorder.done.size() < 16, "not every range completed: " + recorder.done.keySet());
        assertTrue(!recorder.done.containsKey(failure.range().orElseThrow()), "the failed range is not done");
        long afterReturn = calls.get();
        Thread.sleep(300);
        assertEquals(afterReturn, calls.get(), "no consumer call after scan() has thrown");
    }

    @Test
    void refusesToSkipRangesOfAnotherSplit() {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE, SIXTEEN_RANGES_FOUR_IN_FLIGHT);

        assertThrows(IllegalArgumentException.class,
                () -> scanner.scan(Set.of(TokenRanges.split(64).get(1)), (range, row) -> { }, ScanListener.NONE));
    }
}
