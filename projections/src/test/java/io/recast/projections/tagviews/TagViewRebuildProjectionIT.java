package io.recast.projections.tagviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.ProjectionOffsets;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.NoOffset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tag view rebuild run as Pekko projections, on the real local Cassandra: it writes the same rows as the
 * rebuild run directly, Pekko's own {@code currentEventsByTag} then returns every tagged event of {@code messages}
 * once and in order, and the projections' offsets in {@code offset_store} make a second run resume past the ranges
 * that are done.
 */
@RealServers
class TagViewRebuildProjectionIT {

    private static final String KEYSPACE = "recast_tv_projection_it";
    private static final String DIRECT = "recast_tv_direct_it";
    private static final List<String> TAGS = List.of("red", "green", "blue");
    /** Pekko's ByteArraySerializer: the events are their bytes. */
    private static final int BYTE_ARRAY_SERIALIZER = 4;

    private static CqlSession session;
    private static ActorSystem<Void> system;
    private static final Map<String, List<Long>> taggedByTagAndPid = new TreeMap<>();
    private static int eventCount;

    @BeforeAll
    static void writeJournals(LocalCassandra cassandra) {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        for (String keyspace : List.of(KEYSPACE, DIRECT)) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            session.execute(JournalSchema.createJournalKeyspace(keyspace, 1));
            JournalSchema.createJournalTables(session, keyspace);
            writeJournal(keyspace, start);
        }
        String firstTimeBucket = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC)
                .format(start.minus(Duration.ofHours(1)));
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                pekko.persistence.cassandra.journal.keyspace = %s
                pekko.persistence.cassandra.events-by-tag {
                  first-time-bucket = "%s"
                  eventual-consistency-delay = 200ms
                }
                pekko.projection.cassandra.offset-store.keyspace = %s
                datastax-java-driver.basic.contact-points = ["127.0.0.1:%d"]
                # a loaded machine makes schema changes slow (the driver waits 2 s by default); as in the service
                datastax-java-driver.basic.request.timeout = 30s
                datastax-java-driver.basic.load-balancing-policy.local-datacenter = %s
                """.formatted(KEYSPACE, firstTimeBucket, KEYSPACE, cassandra.nativePort(), LocalCassandra.DATACENTER))
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(Behaviors.empty(), "tag-view-projection-it", config);
    }

    @AfterAll
    static void close() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
    }

    /** 300 ids of 1 to 6 events, spread over every token range, each event with zero to two of the tags. */
    private static void writeJournal(String keyspace, Instant start) {
        SplittableRandom random = new SplittableRandom(11);
        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(keyspace, false));
        boolean record = keyspace.equals(KEYSPACE);
        for (int id = 0; id < 300; id++) {
            String pid = "thing-%03d".formatted(id);
            int events = 1 + random.nextInt(6);
            for (long seq = 1; seq <= events; seq++) {
                long millis = start.toEpochMilli() + id * 1000L + seq * 10;
                UUID timestamp = Uuids.startOf(millis);
                Set<String> tags = new TreeSet<>();
                int tagCount = random.nextInt(3);
                for (int t = 0; t < tagCount; t++) {
                    tags.add(TAGS.get(random.nextInt(TAGS.size())));
                }
                session.execute(insert.bind(pid, 0L, seq, timestamp,
                        Long.toString(TimeBucketSize.HOUR.bucketOf(millis)), "writer-1", BYTE_ARRAY_SERIALIZER, "",
                        "", ByteBuffer.wrap((pid + "/" + seq).getBytes(StandardCharsets.UTF_8)), tags));
                if (record) {
                    eventCount++;
                    for (String tag : tags) {
                        taggedByTagAndPid.computeIfAbsent(tag + " " + pid, k -> new ArrayList<>()).add(seq);
                    }
                }
            }
        }
    }

    private static TagViewRebuild rebuild(String keyspace, String runId) {
        return new TagViewRebuild(session, TagViewRebuild.Settings.defaults(keyspace, runId)
                .withScan(TokenRangeScanner.Settings.defaults().withRangeCount(32)));
    }

    private static ProjectionOffsets offsets() {
        return new ProjectionOffsets(session, ProjectionOffsets.Tables.in(KEYSPACE));
    }

    @Test
    void theProjectionsWriteTheRowsOfTheDirectRebuildAndEventsByTagFindsEveryTaggedEventOnceInOrder()
            throws Exception {
        new TagViewReset(session, KEYSPACE).reset();
        TagViewRebuildProjection projection = new TagViewRebuildProjection(rebuild(KEYSPACE, "full"), offsets(), 4);
        projection.forget();
        TagViewRebuild.Result result = projection.run(system, Duration.ofMinutes(5));
        rebuild(DIRECT, "direct").run();

        assertEquals(eventCount, result.eventsRead());
        assertEquals(32, result.rangesScanned());
        assertEquals(tagRows(DIRECT), tagRows(KEYSPACE), "tag_views as the direct rebuild writes them");
        assertEquals(rows(DIRECT, JournalSchema.TAG_WRITE_PROGRESS), rows(KEYSPACE, JournalSchema.TAG_WRITE_PROGRESS));
        assertEquals(rows(DIRECT, JournalSchema.TAG_SCANNING), rows(KEYSPACE, JournalSchema.TAG_SCANNING));

        CassandraReadJournal queries = PersistenceQuery.get(system)
                .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
        Map<String, List<Long>> delivered = new TreeMap<>();
        for (String tag : TAGS) {
            List<EventEnvelope> envelopes = queries.currentEventsByTag(tag, NoOffset.getInstance())
                    .runWith(Sink.seq(), system).toCompletableFuture().get(60, TimeUnit.SECONDS);
            for (EventEnvelope envelope : envelopes) {
                assertEquals(envelope.persistenceId() + "/" + envelope.sequenceNr(),
                        new String((byte[]) envelope.event(), StandardCharsets.UTF_8));
                delivered.computeIfAbsent(tag + " " + envelope.persistenceId(), k -> new ArrayList<>())
                        .add(envelope.sequenceNr());
            }
        }
        assertEquals(taggedByTagAndPid, delivered, "per tag and persistence id: every tagged event once, in order");
    }

    @Test
    void aSecondRunResumesAfterTheStoredOffsetsAndForgetStartsAgain() {
        TagViewRebuildProjection projection = new TagViewRebuildProjection(rebuild(KEYSPACE, "resume"), offsets(), 4);
        projection.forget();
        assertEquals(32, projection.run(system, Duration.ofMinutes(5)).rangesScanned());
        assertEquals(4, offsets().offsets(projection.projectionName()).size(), "one offset per slice");
        offsets().offsets(projection.projectionName()).forEach((key, offset) ->
                assertTrue(Set.of("28", "29", "30", "31").contains(offset.offset()), key + " ends at its last range"));

        TagViewRebuild.Result again = projection.run(system, Duration.ofMinutes(5));
        assertEquals(0, again.rangesScanned(), "every slice had stored its last range");
        assertEquals(32, again.rangesSkipped());

        // a run killed after the first half of each slice: its offsets point into the middle
        for (String key : offsets().offsets(projection.projectionName()).keySet()) {
            int slice = Integer.parseInt(key.replaceAll("slice-(\\d+)-of-4", "$1"));
            session.execute("UPDATE " + KEYSPACE + ".offset_store SET offset = ? WHERE projection_name = ?"
                    + " AND partition = ? AND projection_key = ?", Integer.toString(slice + 12),
                    projection.projectionName(), partitionOf(projection.projectionName(), key), key);
        }
        TagViewRebuild.Result resumed = projection.run(system, Duration.ofMinutes(5));
        assertEquals(16, resumed.rangesScanned(), "the ranges after each slice's stored offset (16 of 32)");

        ProjectionOffsets.ClearResult cleared = projection.forget();
        assertEquals(4, cleared.offsetRowsCleared());
        assertEquals(Map.of(), offsets().offsets(projection.projectionName()));
        assertEquals(32, projection.run(system, Duration.ofMinutes(5)).rangesScanned(), "forgotten: all again");
    }

    @Test
    void clearingOffsetsRemovesOnlyTheNamedProjections() {
        TagViewRebuildProjection kept = new TagViewRebuildProjection(rebuild(KEYSPACE, "kept"), offsets(), 2);
        TagViewRebuildProjection cleared = new TagViewRebuildProjection(rebuild(KEYSPACE, "cleared"), offsets(), 2);
        kept.run(system, Duration.ofMinutes(5));
        cleared.run(system, Duration.ofMinutes(5));
        ProjectionOffsets.ClearResult result = offsets().clear(Set.of(cleared.projectionName(), "no-such-projection"));
        assertEquals(Set.of(cleared.projectionName()), result.offsetsCleared().keySet());
        assertEquals(Map.of(), offsets().offsets(cleared.projectionName()));
        assertEquals(2, offsets().offsets(kept.projectionName()).size());
        assertTrue(result.missingTables().isEmpty());
    }

    @Test
    void aSliceCountBeyondTheRangesIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TagViewRebuildProjection(rebuild(KEYSPACE, "x"), offsets(), 33));
        assertTrue(error.getMessage().contains("32 token ranges"), error.getMessage());
    }

    private static int partitionOf(String name, String key) {
        for (Row row : session.execute("SELECT partition, projection_key FROM " + KEYSPACE + ".offset_store"
                + " WHERE projection_name = ? ALLOW FILTERING", name)) {
            if (row.getString(1).equals(key)) {
                return row.getInt(0);
            }
        }
        throw new AssertionError("no offset row for " + key);
    }

    private static Set<String> tagRows(String keyspace) {
        return rows(keyspace, JournalSchema.TAG_VIEWS);
    }

    private static Set<String> rows(String keyspace, String table) {
        Set<String> rows = new TreeSet<>();
        for (Row row : session.execute("SELECT * FROM " + keyspace + "." + table)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                Object value = row.getObject(i);
                text.append(row.getColumnDefinitions().get(i).getName()).append('=')
                        .append(value instanceof ByteBuffer buffer ? StandardCharsets.UTF_8.decode(buffer.duplicate())
                                : value).append(';');
            }
            rows.add(text.toString());
        }
        assertFalse(rows.isEmpty(), keyspace + "." + table + " has rows");
        return rows;
    }
}
