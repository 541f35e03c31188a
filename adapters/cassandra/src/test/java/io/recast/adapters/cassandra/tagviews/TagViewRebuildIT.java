package io.recast.adapters.cassandra.tagviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.TaggedEventWriter;
import io.recast.adapters.cassandra.TaggedEventWriter.Persist;
import io.recast.adapters.cassandra.TokenRangeScanException;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.persistence.journal.Tagged;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.japi.Util;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.PersistentEnvelope;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A journal written by the real plugin (60 persistence ids, four tags, about 500 events, some with metadata, ids of
 * up to three partitions with a target partition size of 10, one-second time buckets so that the tag views span many
 * buckets), whose own tag views are copied aside, truncated with {@link TagViewReset} and rebuilt with
 * {@link TagViewRebuild}.
 *
 * <p>Columns the rebuild cannot reproduce: <b>none</b>. {@code writer_uuid} is not chosen by the tag writer but copied
 * from the event, which {@code messages} keeps; {@code tag_pid_sequence_nr} and the progress rows follow from the
 * events' order; and {@code tag_scanning}, which the plugin writes periodically and one interval late (so it may lag
 * behind, or miss an id whose events were written just before its system stopped), is compared after waiting for the
 * plugin to have written the last sequence number of every id. {@link #NOT_REPRODUCIBLE} is therefore empty; a column
 * named there would be left out of the comparison.
 *
 * <p>The tests run in order: the comparison and the query on the rebuilt tables, then a killed and resumed rebuild,
 * then the live service restarted on the rebuilt tables, which adds events.
 */
@RealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagViewRebuildIT {

    private static final String KEYSPACE = "tag_view_rebuild_it";
    private static final int PERSISTENCE_IDS = 60;
    private static final long TARGET_PARTITION_SIZE = 10;
    private static final List<String> TAGS = List.of("red", "green", "blue", "gold");
    private static final Set<String> WITH_METADATA = Set.of(pid(1), pid(2), pid(3));
    /** Per table, the columns whose plugin value cannot be reproduced (see the class comment): none. */
    private static final Map<String, Set<String>> NOT_REPRODUCIBLE = Map.of(
            JournalSchema.TAG_VIEWS, Set.of(),
            JournalSchema.TAG_WRITE_PROGRESS, Set.of(),
            JournalSchema.TAG_SCANNING, Set.of());
    private static final TokenRangeScanner.Settings SCAN = TokenRangeScanner.Settings.defaults()
            .withRangeCount(32).withMaxInFlight(4).withPageSize(7);

    private static CqlSession session;
    private static Config config;
    private static List<JournalRow> journal;
    private static TagTables pluginRows;
    private static TagTables rebuiltRows;
    private static TagViewReset.Result reset;
    private static TagViewRebuild.Result rebuild;
    private static long messagesBeforeReset;

    @BeforeAll
    static void writeThroughThePluginThenResetAndRebuild(LocalCassandra cassandra) throws Exception {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);
        session.execute(JournalSchema.createSnapshotsTable(KEYSPACE));
        config = pekkoConfig(cassandra.nativePort(), Instant.now().minus(Duration.ofMinutes(2)));

        ActorSystem system = ActorSystem.create("tag-view-rebuild-it-write", config);
        try {
            writeJournal(system);
            journal = readJournal();
            // the plugin writes tag_write_progress after each batch and tag_scanning periodically: wait for both
            eventually("the plugin's tag_write_progress and tag_scanning to reach the journal's end", () -> {
                TagTables tables = TagTables.read(session, KEYSPACE);
                return tables.progress().equals(expectedProgress(journal))
                        && tables.scanning().equals(expectedScanning(journal));
            });
        } finally {
            terminate(system);
        }
        pluginRows = TagTables.read(session, KEYSPACE);
        messagesBeforeReset = count("messages");

        reset = new TagViewReset(session, KEYSPACE).reset();
        assertEquals(0, count(JournalSchema.TAG_VIEWS) + count(JournalSchema.TAG_WRITE_PROGRESS)
                + count(JournalSchema.TAG_SCANNING), "the reset empties the three tables");
        assertEquals(messagesBeforeReset, count("messages"), "and leaves messages alone");

        rebuild = new TagViewRebuild(session, settings("main")).run();
        rebuiltRows = TagTables.read(session, KEYSPACE);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    @Order(1)
    void resetTruncatesExactlyTheThreeTagTables() {
        assertEquals(List.of("tag_views", "tag_write_progress", "tag_scanning"), reset.tablesTruncated());
        assertEquals(KEYSPACE, reset.keyspace());
        assertEquals(messagesBeforeReset, journal.size());
    }

    @Test
    @Order(2)
    void rebuiltTagTablesEqualThePluginsOwnRowsOnEveryColumn() {
        TagTables plugin = pluginRows;
        TagTables rebuilt = rebuiltRows;
        for (Map.Entry<String, Set<String>> exception : NOT_REPRODUCIBLE.entrySet()) {
            plugin = plugin.without(exception.getKey(), exception.getValue());
            rebuilt = rebuilt.without(exception.getKey(), exception.getValue());
        }
        assertEquals("", plugin.differences(rebuilt, 30), "plugin rows vs rebuilt rows");
        assertEquals(pluginRows, rebuiltRows, "no column was left out");

        long tagged = journal.stream().mapToLong(row -> row.tags().size()).sum();
        assertTrue(tagged > 300, "a few hundred tag rows: " + tagged);
        assertEquals(tagged, pluginRows.tagViews().size());
        assertTrue(pluginRows.tagViews().values().stream().map(row -> row.get("timebucket")).distinct().count() > 1,
                "the tag views span several time buckets");
        assertTrue(pluginRows.tagViews().values().stream().filter(row -> row.get("meta") != null).count() >= 6,
                "some rows carry metadata");
        assertTrue(journal.stream().anyMatch(row -> row.partitionNr() == 2), "some ids span three partitions");

        assertEquals(journal.size(), rebuild.eventsRead());
        assertEquals(0, rebuild.eventsSkippedAsDeleted());
        assertEquals(tagged, rebuild.tagRowsWritten());
        assertEquals(pluginRows.progress().size(), rebuild.progressRowsWritten());
        assertEquals(PERSISTENCE_IDS, rebuild.persistenceIds());
        assertEquals(new HashSet<>(TAGS), rebuild.tags());
        assertEquals(32, rebuild.rangesScanned());
        assertEquals(0, rebuild.rangesSkipped());
        assertEquals(List.of(), rebuild.irregularPersistenceIds());
        assertTrue(rebuild.batchesWritten() > 0 && rebuild.batchesWritten() <= tagged);
    }

    @Test
    @Order(3)
    void currentEventsByTagReturnsEveryTaggedEventOnceInSequenceOrderPerPersistenceId() throws Exception {
        ActorSystem system = ActorSystem.create("tag-view-rebuild-it-query", config);
        try {
            for (String tag : TAGS) {
                assertEquals(expectedByTag(journal, tag), queryByTag(system, tag, journal), "tag " + tag);
            }
        } finally {
            terminate(system);
        }
    }

    @Test
    @Order(4)
    void aRebuildKilledAfterSomeRangesAndResumedEndsWithTheSameTablesAsAnUninterruptedOne() {
        new TagViewReset(session, KEYSPACE).reset();
        AtomicInteger finished = new AtomicInteger();
        TagViewRebuild killed = new TagViewRebuild(session, settings("killed"));
        TokenRangeScanException failure = assertThrows(TokenRangeScanException.class, () -> killed.run(
                (range, rows) -> {
                    if (finished.incrementAndGet() == 5) {
                        throw new IllegalStateException("killed after 5 ranges");
                    }
                }));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        Set<Integer> done = killed.completedRanges();
        assertTrue(done.size() >= 5 && done.size() < 32, "ranges done before the kill: " + done);
        TagTables partial = TagTables.read(session, KEYSPACE);
        assertNotEquals(rebuiltRows, partial);
        assertTrue(partial.tagViews().size() < rebuiltRows.tagViews().size(), "only part was rebuilt");

        TagViewRebuild.Result resumed = new TagViewRebuild(session, settings("killed")).run();
        assertEquals(done.size(), resumed.rangesSkipped());
        assertEquals(32 - done.size(), resumed.rangesScanned());
        assertEquals("", rebuiltRows.differences(TagTables.read(session, KEYSPACE), 30),
                "uninterrupted vs killed and resumed");
        assertEquals(32, killed.completedRanges().size());

        TagViewRebuild.Result again = new TagViewRebuild(session, settings("killed")).run();
        assertEquals(32, again.rangesSkipped(), "a finished run id does nothing");
        assertEquals(0, again.eventsRead());
    }

    @Test
    @Order(5)
    void rebuildingOverCompleteTablesChangesNothing() {
        new TagViewRebuild(session, settings("twice")).run();
        assertEquals("", rebuiltRows.differences(TagTables.read(session, KEYSPACE), 30));
    }

    @Test
    @Order(6)
    void theLiveServiceRestartedAfterTheRebuildKeepsTaggingWithoutGapsOrDuplicates() throws Exception {
        ActorSystem system = ActorSystem.create("tag-view-rebuild-it-restart", config);
        try {
            List<CompletableFuture<Object>> writes = new ArrayList<>();
            for (int i = 0; i < PERSISTENCE_IDS; i += 3) {
                ActorRef writer = writer(system, pid(i));
                // a new tag, existing tags, untagged events, persist and persistAll
                writes.add(ask(writer, new Persist(List.of(Set.of("red"), Set.of(), Set.of("violet", "blue")), true))
                        .thenCompose(done -> ask(writer, new Persist(List.of(Set.of("gold"), Set.of("red", "green")),
                                false))));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            List<JournalRow> after = readJournal();
            assertEquals(journal.size() + 5 * 20, after.size());
            Thread.sleep(1_000);
            for (String tag : List.of("red", "green", "blue", "gold", "violet")) {
                assertEquals(expectedByTag(after, tag), queryByTag(system, tag, after), "tag " + tag);
            }
            eventually("the live writer's progress rows", () -> TagTables.read(session, KEYSPACE).progress()
                    .equals(expectedProgress(after)));
        } finally {
            terminate(system);
        }
        // every (tag, persistence id) numbered 1..n in sequence order, none twice
        Map<List<String>, TreeMap<Long, Long>> numbers = new HashMap<>();
        for (Map<String, Object> row : TagTables.read(session, KEYSPACE).tagViews().values()) {
            TreeMap<Long, Long> bySequenceNr = numbers.computeIfAbsent(
                    List.of((String) row.get("tag_name"), (String) row.get("persistence_id")), key -> new TreeMap<>());
            assertEquals(null, bySequenceNr.put((Long) row.get("sequence_nr"), (Long) row.get("tag_pid_sequence_nr")),
                    "one row per event and tag: " + row);
        }
        numbers.forEach((key, bySequenceNr) -> {
            long expected = 1;
            for (long number : bySequenceNr.values()) {
                assertEquals(expected++, number, "tag_pid_sequence_nr of " + key + ": " + bySequenceNr);
            }
        });
        assertTrue(numbers.keySet().stream().anyMatch(key -> key.get(0).equals("violet")));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TagViewRebuild.Settings settings(String runId) {
        return TagViewRebuild.Settings.defaults(KEYSPACE, "tag-view-rebuild-it-" + runId)
                .withBucketSize(TimeBucketSize.SECOND)
                .withTargetPartitionSize(TARGET_PARTITION_SIZE)
                .withScan(SCAN)
                .withMaxBatchBytes(2_048)
                .withMaxWritesInFlight(8);
    }

    private static Config pekkoConfig(int port, Instant firstBucket) {
        String firstTimeBucket = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC)
                .format(firstBucket);
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                pekko.persistence.snapshot-store.plugin = "pekko.persistence.cassandra.snapshot"
                pekko.persistence.cassandra.journal.keyspace = %s
                pekko.persistence.cassandra.journal.target-partition-size = %d
                pekko.persistence.cassandra.snapshot.keyspace = %s
                pekko.persistence.cassandra.events-by-tag {
                  bucket-size = "Second"
                  first-time-bucket = "%s"
                  eventual-consistency-delay = 200ms
                  scanning-flush-interval = 200ms
                  gap-timeout = 3s
                  # seconds buckets: keep the query's per-id state for the whole (short) query
                  cleanup-old-persistence-ids = off
                }
                datastax-java-driver.basic.contact-points = ["127.0.0.1:%d"]
                # a loaded machine makes schema changes slow (the driver waits 2 s by default); as in the service
                datastax-java-driver.basic.request.timeout = 30s
                datastax-java-driver.basic.load-balancing-policy.local-datacenter = %s
                """.formatted(KEYSPACE, TARGET_PARTITION_SIZE, KEYSPACE, firstTimeBucket, port,
                LocalCassandra.DATACENTER)).withFallback(ConfigFactory.load());
    }

    private static String pid(int i) {
        return "item-%02d".formatted(i);
    }

    /** Each id's commands one after the other, the ids at the same time; then events with metadata for three ids. */
    private static void writeJournal(ActorSystem system) throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_601L);
        List<CompletableFuture<Object>> ids = new ArrayList<>();
        for (int i = 0; i < PERSISTENCE_IDS; i++) {
            String persistenceId = pid(i);
            int events = i % 10 == 0 ? 25 : 1 + random.nextInt(12);
            List<Persist> commands = new ArrayList<>();
            while (events > 0) {
                int size = Math.min(events, 1 + random.nextInt(3));
                List<Set<String>> tags = new ArrayList<>();
                for (int e = 0; e < size; e++) {
                    tags.add(randomTags(random));
                }
                commands.add(new Persist(tags, random.nextBoolean()));
                events -= size;
            }
            ActorRef writer = writer(system, persistenceId);
            CompletableFuture<Object> chain = CompletableFuture.completedFuture(0L);
            for (Persist command : commands) {
                chain = chain.thenCompose(previous -> ask(writer, command));
            }
            ids.add(chain);
        }
        CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            long last = (Long) ids.get(i).get();
            writeWithMetadata(system, pid(i), last + 1);
        }
    }

    private static Set<String> randomTags(SplittableRandom random) {
        int kind = random.nextInt(8);
        if (kind < 2) {
            return Set.of();
        }
        String first = TAGS.get(random.nextInt(TAGS.size()));
        if (kind < 6) {
            return Set.of(first);
        }
        Set<String> tags = new LinkedHashSet<>(List.of(first, TAGS.get(random.nextInt(TAGS.size()))));
        return Set.copyOf(tags);
    }

    /**
     * Two tagged events with metadata, written by sending the journal what a persistent actor would send (the
     * classic and typed APIs offer no way to attach metadata). The id's actor is still running, so the plugin's tag
     * writer accepts the tag writes.
     */
    private static void writeWithMetadata(ActorSystem system, String persistenceId, long firstSequenceNr)
            throws Exception {
        String writerUuid = UUID.randomUUID().toString();
        List<PersistentEnvelope> writes = new ArrayList<>();
        for (long sequenceNr = firstSequenceNr; sequenceNr < firstSequenceNr + 2; sequenceNr++) {
            Tagged payload = new Tagged("event-" + sequenceNr, Set.of("gold", sequenceNr % 2 == 0 ? "red" : "blue"));
            writes.add(AtomicWrite.apply(PersistentRepr.apply(payload, sequenceNr, persistenceId, "", false,
                    ActorRef.noSender(), writerUuid).withMetadata("meta-" + sequenceNr)));
        }
        ActorRef journalActor = Persistence.get(system).journalFor(null, ConfigFactory.empty());
        Object reply = Patterns.askWithReplyTo(journalActor,
                replyTo -> new JournalProtocol.WriteMessages(Util.immutableSeq(writes), replyTo, 1),
                Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(JournalProtocol.WriteMessagesSuccessful$.MODULE$, reply, "journal reply");
    }

    private static ActorRef writer(ActorSystem system, String persistenceId) {
        return system.actorOf(Props.create(TaggedEventWriter.class, () -> new TaggedEventWriter(persistenceId)));
    }

    private static CompletableFuture<Object> ask(ActorRef writer, Persist command) {
        CompletionStage<Object> reply = Patterns.ask(writer, command, Duration.ofSeconds(30));
        return reply.toCompletableFuture();
    }

    private static List<JournalRow> readJournal() {
        List<JournalRow> rows = new ArrayList<>();
        new TokenRangeScanner(session, KEYSPACE).scan((range, row) -> {
            synchronized (rows) {
                rows.add(row);
            }
        });
        rows.sort(Comparator.comparing(JournalRow::persistenceId).thenComparingLong(JournalRow::sequenceNr));
        return rows;
    }

    /** Per persistence id, the sequence numbers of its events with the tag, in order. */
    private static Map<String, List<Long>> expectedByTag(List<JournalRow> rows, String tag) {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (JournalRow row : rows) {
            if (row.tags().contains(tag)) {
                expected.computeIfAbsent(row.persistenceId(), id -> new ArrayList<>()).add(row.sequenceNr());
            }
        }
        return expected;
    }

    /**
     * Pekko's {@code currentEventsByTag(tag, NoOffset)}, per persistence id the sequence numbers in delivery order;
     * checks each envelope's event and offset against its messages row.
     */
    private static Map<String, List<Long>> queryByTag(ActorSystem system, String tag, List<JournalRow> rows)
            throws Exception {
        Map<String, JournalRow> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.persistenceId() + "/" + row.sequenceNr(), row));
        CassandraReadJournal queries = PersistenceQuery.get(system)
                .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
        List<EventEnvelope> envelopes = queries.currentEventsByTag(tag, NoOffset.getInstance())
                .runWith(Sink.seq(), system).toCompletableFuture().get(60, TimeUnit.SECONDS);
        Map<String, List<Long>> delivered = new TreeMap<>();
        for (EventEnvelope envelope : envelopes) {
            JournalRow row = byKey.get(envelope.persistenceId() + "/" + envelope.sequenceNr());
            assertTrue(row != null, "delivered event is in messages: " + envelope);
            assertEquals("event-" + envelope.sequenceNr(), envelope.event());
            assertEquals(new TimeBasedUUID(row.timestamp()), envelope.offset(), "offset is the event's timestamp");
            assertEquals(row.hasMeta() ? Optional.of("meta-" + envelope.sequenceNr())
                    : Optional.empty(), envelope.getEventMetaData(), "metadata of " + envelope);
            delivered.computeIfAbsent(envelope.persistenceId(), id -> new ArrayList<>()).add(envelope.sequenceNr());
        }
        return delivered;
    }

    /** The progress rows the live writer leaves: per (persistence id, tag) the last event and its number. */
    private static Map<String, Map<String, Object>> expectedProgress(List<JournalRow> rows) {
        Map<String, Map<String, Object>> progress = new TreeMap<>();
        for (JournalRow row : rows) {
            for (String tag : row.tags()) {
                String key = List.of(row.persistenceId(), tag).toString();
                Map<String, Object> previous = progress.get(key);
                long number = previous == null ? 1 : (Long) previous.get("tag_pid_sequence_nr") + 1;
                progress.put(key, new TreeMap<>(Map.of("persistence_id", row.persistenceId(), "tag", tag,
                        "sequence_nr", row.sequenceNr(), "tag_pid_sequence_nr", number, "offset", row.timestamp())));
            }
        }
        return progress;
    }

    /** Per persistence id its highest sequence number. */
    private static Map<String, Map<String, Object>> expectedScanning(List<JournalRow> rows) {
        Map<String, Map<String, Object>> scanning = new TreeMap<>();
        for (JournalRow row : rows) {
            scanning.put(List.of(row.persistenceId()).toString(), new TreeMap<>(Map.of(
                    "persistence_id", row.persistenceId(), "sequence_nr", row.sequenceNr())));
        }
        return scanning;
    }

    private static long count(String table) {
        Row row = session.execute("SELECT count(*) FROM " + KEYSPACE + "." + table).one();
        return row == null ? 0 : row.getLong(0);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "not reached within 20 s: " + what);
            Thread.sleep(200);
        }
    }

    private static void terminate(ActorSystem system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
