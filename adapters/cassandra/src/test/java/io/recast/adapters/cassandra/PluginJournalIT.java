package io.recast.adapters.cassandra;

import io.recast.adapters.cassandra.TaggedEventWriter.Persist;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes events through the real plugin (target partition size 5) into tables created by {@link JournalSchema}, then
 * reads them back with {@link TokenRangeScanner} and plain queries: the facts {@code docs/journal-schema.md} relies on.
 */
@RealServers
class PluginJournalIT {

    private static final String KEYSPACE = "plugin_journal_it";
    private static final String PID = "order-1";
    private static final long HOUR = 3_600_000L;

    private static CqlSession session;
    private static ActorSystem system;
    private static final Map<Long, JournalRow> rows = new ConcurrentHashMap<>();

    @BeforeAll
    static void writeThroughThePlugin(LocalCassandra cassandra) throws Exception {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);
        session.execute(JournalSchema.createSnapshotsTable(KEYSPACE));

        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                pekko.persistence.snapshot-store.plugin = "pekko.persistence.cassandra.snapshot"
                pekko.persistence.cassandra.journal.keyspace = %s
                pekko.persistence.cassandra.journal.target-partition-size = 5
                pekko.persistence.cassandra.events-by-tag.scanning-flush-interval = 200ms
                pekko.persistence.cassandra.snapshot.keyspace = %s
                datastax-java-driver.basic.contact-points = ["127.0.0.1:%d"]
                # a loaded machine makes schema changes slow (the driver waits 2 s by default); as in the service
                datastax-java-driver.basic.request.timeout = 30s
                datastax-java-driver.basic.load-balancing-policy.local-datacenter = %s
                """.formatted(KEYSPACE, KEYSPACE, cassandra.nativePort(), LocalCassandra.DATACENTER))
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create("plugin-journal-it", config);
        ActorRef writer = system.actorOf(Props.create(TaggedEventWriter.class, () -> new TaggedEventWriter(PID)));

        // one write each: 1 red, 2 untagged, 3 red+blue, 4 blue
        write(writer, new Persist(List.of(Set.of("red")), false));
        write(writer, new Persist(List.of(Set.of()), false));
        write(writer, new Persist(List.of(Set.of("red", "blue")), false));
        write(writer, new Persist(List.of(Set.of("blue")), false));
        // one AtomicWrite of 5, 6, 7 (partitions 0, 1, 1 by the formula), then 8
        write(writer, new Persist(List.of(Set.of("red"), Set.of("red"), Set.of("red")), true));
        write(writer, new Persist(List.of(Set.of()), false));
        // 9, then two persist calls in one command: 10 and 11 (partitions 1 and 2 by the formula), one journal write
        write(writer, new Persist(List.of(Set.of()), false));
        write(writer, new Persist(List.of(Set.of(), Set.of()), false));

        new TokenRangeScanner(session, KEYSPACE).scan((range, row) -> rows.put(row.sequenceNr(), row));
    }

    private static void write(ActorRef writer, Persist command) throws Exception {
        Patterns.ask(writer, command, Duration.ofSeconds(30)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void anAtomicWriteAcrossAPartitionBoundaryIsStoredInTheLastEventsPartition() {
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), rows.keySet());
        for (long sequenceNr = 1; sequenceNr <= 4; sequenceNr++) {
            assertEquals(0, rows.get(sequenceNr).partitionNr(), "sequence nr " + sequenceNr);
        }
        assertEquals(0, JournalSchema.partitionNr(5, 5), "the formula puts 5 in partition 0");
        assertEquals(1, rows.get(5L).partitionNr(), "but it was written with 6 and 7, in partition 1");
        assertEquals(1, rows.get(6L).partitionNr());
        assertEquals(1, rows.get(7L).partitionNr());
        assertEquals(1, rows.get(8L).partitionNr());
        assertEquals(1, rows.get(9L).partitionNr());
    }

    @Test
    void eventsPersistedByOneCommandShareOneWriteAndItsLastPartition() {
        assertEquals(1, JournalSchema.partitionNr(10, 5));
        assertEquals(2, rows.get(10L).partitionNr(), "written together with 11");
        assertEquals(2, rows.get(11L).partitionNr());
    }

    @Test
    void messagesRowsCarryTheTimeBucketTagsAndSerializerOfEachEvent() {
        JournalRow first = rows.get(1L);
        String writerUuid = first.writerUuid();
        for (JournalRow row : rows.values()) {
            long bucket = Uuids.unixTimestamp(row.timestamp()) / HOUR * HOUR;
            assertEquals(Long.toString(bucket), row.timebucket(), "timebucket is the hour of the timestamp, as text");
            assertEquals(writerUuid, row.writerUuid(), "one actor incarnation wrote them all");
            assertEquals(20, row.serId(), "pekko's StringSerializer");
            assertEquals("", row.serManifest());
            assertEquals("", row.eventManifest());
            assertEquals("event-" + row.sequenceNr(), new String(row.event(), java.nio.charset.StandardCharsets.UTF_8));
            assertNull(row.metaSerId());
            assertFalse(row.hasMeta());
        }
        assertEquals(Set.of("red"), rows.get(1L).tags());
        assertEquals(Set.of(), rows.get(2L).tags());
        assertEquals(Set.of("red", "blue"), rows.get(3L).tags());
        List<JournalRow> bySequence = rows.values().stream()
                .sorted(Comparator.comparingLong(JournalRow::sequenceNr)).toList();
        for (int i = 1; i < bySequence.size(); i++) {
            assertTrue(Uuids.unixTimestamp(bySequence.get(i - 1).timestamp())
                    <= Uuids.unixTimestamp(bySequence.get(i).timestamp()), "timestamps follow sequence numbers");
        }
    }

    @Test
    void tagViewsNumberEachTagsEventsPerPersistenceIdFromOne() {
        assertEquals(List.of(1L, 3L, 5L, 6L, 7L), tagView("red", "sequence_nr"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), tagView("red", "tag_pid_sequence_nr"));
        assertEquals(List.of(3L, 4L), tagView("blue", "sequence_nr"));
        assertEquals(List.of(1L, 2L), tagView("blue", "tag_pid_sequence_nr"));
        for (Row row : session.execute("SELECT * FROM " + KEYSPACE + ".tag_views")) {
            JournalRow message = rows.get(row.getLong("sequence_nr"));
            assertEquals(message.timestamp(), row.getUuid("timestamp"), "same timeuuid as in messages");
            assertEquals(Long.parseLong(message.timebucket()), row.getLong("timebucket"), "same bucket, as bigint");
            assertEquals(message.writerUuid(), row.getString("writer_uuid"));
            assertEquals(message.serId(), row.getInt("ser_id"));
        }
    }

    @Test
    void tagWriteProgressAndTagScanningRecordTheLastWrittenEvents() throws Exception {
        Row red = eventually(() -> session.execute("SELECT * FROM " + KEYSPACE + ".tag_write_progress"
                + " WHERE persistence_id = ? AND tag = 'red'", PID).one());
        assertEquals(7L, red.getLong("sequence_nr"));
        assertEquals(5L, red.getLong("tag_pid_sequence_nr"));
        assertEquals(rows.get(7L).timestamp(), red.getUuid("offset"));
        Row blue = eventually(() -> session.execute("SELECT * FROM " + KEYSPACE + ".tag_write_progress"
                + " WHERE persistence_id = ? AND tag = 'blue'", PID).one());
        assertEquals(4L, blue.getLong("sequence_nr"));
        assertEquals(2L, blue.getLong("tag_pid_sequence_nr"));

        Row scanning = eventually(() -> {
            Row row = session.execute("SELECT sequence_nr FROM " + KEYSPACE + ".tag_scanning WHERE persistence_id = ?",
                    PID).one();
            return row != null && row.getLong(0) == 11L ? row : null;
        });
        assertEquals(11L, scanning.getLong(0), "includes untagged events");
        assertEquals(PID, session.execute("SELECT persistence_id FROM " + KEYSPACE + ".all_persistence_ids").one()
                .getString(0));
    }

    /** A column of a tag's rows, in sequence number order (the rows may span two hour buckets). */
    private static List<Long> tagView(String tag, String column) {
        List<long[]> values = new ArrayList<>();
        for (Row row : session.execute("SELECT sequence_nr, " + column + " FROM " + KEYSPACE + ".tag_views"
                + " WHERE tag_name = ? AND timebucket IN ?", tag, buckets())) {
            values.add(new long[] {row.getLong(0), row.getLong(1)});
        }
        return values.stream().sorted(Comparator.comparingLong(value -> value[0])).map(value -> value[1]).toList();
    }

    private static List<Long> buckets() {
        return rows.values().stream().map(row -> Long.parseLong(row.timebucket())).distinct().sorted().toList();
    }

    private static <T> T eventually(Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            T value = probe.get();
            if (value != null || System.nanoTime() > deadline) {
                assertTrue(value != null, "not written within 10 s");
                return value;
            }
            Thread.sleep(100);
        }
    }
}
