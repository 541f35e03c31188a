package io.recast.projections.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TaggedEventWriter;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.event.EventType;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.EntityViews;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.ViewProjectionException;
import io.recast.engine.view.ViewVersion;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view projections on the real local Cassandra, with a journal written by the real plugin: a replay by token
 * ranges writes one document and one graph per entity at its last revision; a replay that fails midway resumes from
 * its stored offsets and ends equal to an uninterrupted one; the live projection that follows picks up the events
 * written during and after the replay, repeats nothing visible, and catches up.
 *
 * <p>The sinks here are in memory (the Elasticsearch and Blazegraph sinks are tested on their servers, and the whole
 * chain in the migrations' tests): what is tested is the projections' offsets, grouping and hand-over.
 */
@RealServers
class ViewProjectionsIT {

    private static final String KEYSPACE = "recast_views_it";
    private static final String TAG = "thing";
    private static final int ENTITIES = 120;
    private static final int RANGES = 16;
    private static final ManifestCodec STRINGS = new ManifestCodec() {
        @Override
        public EventType decode(String manifest) {
            return EventType.of("Text", "1");
        }

        @Override
        public String encode(EventType type) {
            return "";
        }
    };

    /** Document = the entity's events in order; version = its last sequence number; "poison" events are refused. */
    private static final EntityViewProjector PROJECTOR = events -> {
        StoredEvent last = events.get(events.size() - 1);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var texts = body.putArray("events");
        for (StoredEvent event : events) {
            if (event.persistenceId().endsWith("-poison")) {
                throw new ViewProjectionException(event.persistenceId(), event.sequenceNr(), "poison (test)", null);
            }
            texts.add(event.sequenceNr());
        }
        return new EntityViews(last.persistenceId(),
                Optional.of(new IndexDocument(last.persistenceId(), last.sequenceNr(), body)),
                Optional.of(new ResourceGraph("urn:thing:" + last.persistenceId(), last.sequenceNr(), List.of(body))));
    };

    private static CqlSession session;
    private static org.apache.pekko.actor.ActorSystem classic;
    private static ActorSystem<?> system;
    private static final Map<String, Long> lastSeqByEntity = new TreeMap<>();

    @BeforeAll
    static void writeJournal(LocalCassandra cassandra) throws Exception {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);
        String firstTimeBucket = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm").withZone(ZoneOffset.UTC)
                .format(Instant.now().minus(Duration.ofHours(1)));
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.persistence.journal.plugin = "pekko.persistence.cassandra.journal"
                pekko.persistence.cassandra.journal.keyspace = %s
                pekko.persistence.cassandra.events-by-tag {
                  first-time-bucket = "%s"
                  eventual-consistency-delay = 200ms
                  flush-interval = 50ms
                }
                pekko.persistence.cassandra.query.refresh-interval = 200ms
                pekko.projection.cassandra.offset-store.keyspace = %s
                datastax-java-driver.basic.contact-points = ["127.0.0.1:%d"]
                # a loaded machine makes schema changes slow (the driver waits 2 s by default); as in the service
                datastax-java-driver.basic.request.timeout = 30s
                datastax-java-driver.basic.load-balancing-policy.local-datacenter = %s
                """.formatted(KEYSPACE, firstTimeBucket, KEYSPACE, cassandra.nativePort(), LocalCassandra.DATACENTER))
                .withFallback(ConfigFactory.load());
        classic = org.apache.pekko.actor.ActorSystem.create("view-projections-it", config);
        system = Adapter.toTyped(classic);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < ENTITIES; i++) {
            persist("thing-%03d".formatted(i), 1 + random.nextInt(5));
        }
        persist("thing-poison", 2);
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

    @Test
    void replayWritesEachEntityOnceAtItsLastRevisionAndRecordsTheRefusedOne() {
        RecordingSinks sinks = new RecordingSinks();

        ViewReplayProjection.Result result = replay("whole", sinks).run(system, Duration.ofMinutes(3));

        assertEquals(RANGES, result.rangesReplayed());
        assertEquals(expectedVersions(), versions(sinks));
        assertEquals(sinks.documents.size(), sinks.graphs.size());
        assertEquals(sinks.documents.size(), sinks.documentWrites.get(), "one write per entity, not per event");
        assertEquals(List.of("thing-poison"), result.counts().rejections().stream()
                .map(ViewRejection::persistenceId).toList());
        assertEquals(1, result.counts().rejections().get(0).sequenceNr());
        long events = lastSeqByEntity.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(events, result.rows());
    }

    @Test
    void aReplayThatFailsMidwayResumesFromItsOffsetsAndEndsEqualToAnUninterruptedOne() {
        RecordingSinks sinks = new RecordingSinks();
        sinks.failAfter(12);
        ViewReplayProjection first = replay("resumed", sinks);
        assertThrows(RuntimeException.class, () -> first.run(system, Duration.ofMinutes(3)));
        int done = first.rangesDone();
        assertTrue(done > 0 && done < RANGES, "some ranges were done before the failure: " + done);
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(done, first.rangesDone(), "a failed replay stores no offset after it has thrown");

        sinks.heal();
        ViewReplayProjection.Result resumed = replay("resumed", sinks).run(system, Duration.ofMinutes(3));

        assertTrue(resumed.rangesResumedPast() >= done, resumed + " resumed past the " + done + " ranges done");
        assertEquals(RANGES - resumed.rangesResumedPast(), resumed.rangesReplayed());
        assertEquals(expectedVersions(), versions(sinks));
        assertEquals(0, sinks.regressions.get());
    }

    @Test
    void liveProjectionTakesOverFromTheReplayWithoutAGapOrARegression() throws Exception {
        RecordingSinks sinks = new RecordingSinks();
        Instant replayStarted = Instant.now();
        CompletableFuture<ViewReplayProjection.Result> replaying = CompletableFuture.supplyAsync(
                () -> replay("handover", sinks).run(system, Duration.ofMinutes(3)));
        // written while the replay runs: some ranges have them, some do not
        persist("thing-000", 2);
        persist("thing-new-during", 3);
        replaying.get(3, TimeUnit.MINUTES);

        ViewWriter writer = new ViewWriter(PROJECTOR, Optional.of(sinks.index), Optional.of(sinks.graph), 50);
        LiveViewProjection live = new LiveViewProjection("it-handover", Set.of(TAG),
                new EntityJournal(session, KEYSPACE, STRINGS), writer, offsets(), replayStarted, 20);
        live.start(system);
        try {
            persist("thing-001", 1);
            persist("thing-new-after", 2);
            live.awaitCaughtUp(system, Duration.ofMinutes(2));
            awaitVersions(sinks, Duration.ofSeconds(30));
        } finally {
            live.stop();
            writer.close();
        }
        assertEquals(expectedVersions(), versions(sinks));
        assertEquals(0, sinks.regressions.get(), "no document went back to an older version");
        assertTrue(live.counts().entities() >= 4, "the live projection folded the entities written after the start: "
                + live.counts());
    }

    @Test
    void aRebuildSwitchesToItsNewVersionOnlyOnceItHasCaughtUpAndRetiresTheOldOne() {
        RecordingSinks sinks = new RecordingSinks();
        Map<String, Map<String, Long>> seenAtActivation = new TreeMap<>();
        List<String> created = new ArrayList<>();
        VersionedView view = memoryView("memory:things", sinks, sinks.index, seenAtActivation, created);
        CassandraViewVersions versions = new CassandraViewVersions(session, KEYSPACE);
        ViewRebuild.Settings settings = new ViewRebuild.Settings(4, 25, 20, Duration.ofMinutes(3), Set.of(TAG));

        ViewRebuild.Result first = rebuild(view, versions, settings).run(system, "rebuild-1");
        ViewRebuild.Result second = rebuild(view, versions, settings).run(system, "rebuild-2");

        assertEquals(List.of("things_v1", "things_v2"), created);
        assertEquals(expectedVersions(), seenAtActivation.get("things_v1"), "v1 held everything when it switched");
        assertEquals(expectedVersions(), seenAtActivation.get("things_v2"));
        assertEquals(1, first.activated().get(0).version());
        assertEquals(2, second.activated().get(0).version());
        assertEquals(List.of(ViewVersion.State.RETIRED, ViewVersion.State.ACTIVE),
                versions.versions("memory:things").stream().map(ViewVersion::state).toList());
        ViewRebuild.Result again = rebuild(view, versions, settings).run(system, "rebuild-2");
        assertEquals(0, again.replay().rows(), "a run id whose version serves is done");
        assertThrows(IllegalStateException.class, () -> rebuild(view, versions, settings).run(system, "rebuild-1"),
                "a run id whose version was replaced is refused");
        assertEquals(List.of("things_v1", "things_v2"), created);
    }

    @Test
    void aMigrationsRebuildSkipsTheCatchUpWhenNothingWroteTheJournalDuringItsReplayAndCatchesUpWhenSomethingDid() {
        CassandraViewVersions versions = new CassandraViewVersions(session, KEYSPACE);
        ViewRebuild.Settings settings = new ViewRebuild.Settings(4, 25, 20, Duration.ofMinutes(3), Set.of(TAG));
        // what a migration's catch-up waits for first: the tag views, rebuilt at the same time as the replay
        java.util.concurrent.atomic.AtomicInteger waitsForTheTagViews = new java.util.concurrent.atomic.AtomicInteger();
        ViewRebuild.Options quietCheck = new ViewRebuild.Options(io.recast.projections.RangeProgress.NONE,
                RebuildControl.NONE, ViewRebuild.AfterSwitch.STOP)
                .withQuietJournalCheck(new io.recast.adapters.cassandra.JournalWrites(session, KEYSPACE))
                .withCatchUpAfter(waitsForTheTagViews::incrementAndGet);

        RecordingSinks quiet = new RecordingSinks();
        Map<String, Map<String, Long>> seenQuiet = new TreeMap<>();
        ViewRebuild.Result skipped = rebuild(memoryView("memory:quiet", quiet, quiet.index, seenQuiet, new ArrayList<>()), versions,
                settings).run(system, "quiet-1", quietCheck);

        assertTrue(skipped.catchUpSkipped(), "nothing wrote the journal during the replay");
        assertEquals(0, waitsForTheTagViews.get(), "no catch-up: it did not wait for the tag views");
        assertEquals(expectedVersions(), seenQuiet.get("quiet_v1"), "the replay alone wrote every entity");

        RecordingSinks busy = new RecordingSinks();
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        io.recast.engine.view.IndexSink writingMeanwhile = documents -> {
            if (written.compareAndSet(false, true)) {
                // the service writes while the replay runs (a misuse during a migration, caught all the same)
                persist("thing-written-during-a-replay", 3);
            }
            return busy.index.write(documents);
        };
        Map<String, Map<String, Long>> seenBusy = new TreeMap<>();
        ViewRebuild.Result caughtUp = rebuild(memoryView("memory:busy", busy, writingMeanwhile, seenBusy, new ArrayList<>()), versions,
                settings).run(system, "busy-1", quietCheck);

        assertTrue(written.get());
        assertFalse(caughtUp.catchUpSkipped(), "the journal was written during the replay: the rebuild caught up");
        assertEquals(1, waitsForTheTagViews.get(), "the catch-up waited for the tag views before it read them");
        assertEquals(3L, expectedVersions().get("thing-written-during-a-replay"));
        assertEquals(expectedVersions(), seenBusy.get("busy_v1"), "the new entity is in the version it switched to");
    }

    /**
     * A view held in memory by {@code sinks}, written through {@code index}, recording the targets it creates and what
     * it held at each switch.
     */
    private static VersionedView memoryView(String name, RecordingSinks sinks, io.recast.engine.view.IndexSink index,
                                            Map<String, Map<String, Long>> seenAtActivation, List<String> created) {
        String prefix = name.substring(name.indexOf(':') + 1);
        return new VersionedView() {
            @Override
            public String view() {
                return name;
            }

            @Override
            public String targetOf(int version) {
                return prefix + "_v" + version;
            }

            @Override
            public void create(String target) {
                created.add(target);
            }

            @Override
            public void activate(String target) {
                seenAtActivation.put(target, versions(sinks));
            }

            @Override
            public void drop(String target) {
            }

            @Override
            public boolean exists(String target) {
                return false;
            }

            @Override
            public Contents contents(String target) {
                return new Contents(versions(sinks), 0);
            }

            @Override
            public Optional<io.recast.engine.view.IndexSink> indexSink(String target) {
                return Optional.of(index);
            }
        };
    }

    private static ViewRebuild rebuild(VersionedView view, CassandraViewVersions versions,
            ViewRebuild.Settings settings) {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE,
                TokenRangeScanner.Settings.defaults().withRangeCount(RANGES));
        return new ViewRebuild(List.of(view), versions, PROJECTOR, scanner,
                new EntityJournal(session, KEYSPACE, STRINGS), STRINGS, offsets(), settings, Clock.systemUTC());
    }

    private static ViewReplayProjection replay(String runId, RecordingSinks sinks) {
        TokenRangeScanner scanner = new TokenRangeScanner(session, KEYSPACE,
                TokenRangeScanner.Settings.defaults().withRangeCount(RANGES).withMaxInFlight(1));
        ViewWriter writer = new ViewWriter(PROJECTOR, Optional.of(sinks.index), Optional.of(sinks.graph), 7);
        return new ViewReplayProjection(runId, new ViewReplay(scanner, STRINGS, writer), offsets(), 4);
    }

    private static ProjectionOffsets offsets() {
        return new ProjectionOffsets(session, ProjectionOffsets.Tables.in(KEYSPACE));
    }

    private static void persist(String persistenceId, int events) {
        ActorRef writer = classic.actorOf(Props.create(TaggedEventWriter.class,
                () -> new TaggedEventWriter(persistenceId)));
        List<Set<String>> tags = new ArrayList<>(Collections.nCopies(events, Set.of(TAG)));
        try {
            Object last = Patterns.ask(writer, new TaggedEventWriter.Persist(tags, true), Duration.ofSeconds(30))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            synchronized (lastSeqByEntity) {
                lastSeqByEntity.put(persistenceId, (Long) last);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + persistenceId, e);
        } finally {
            classic.stop(writer);
        }
    }

    private static Map<String, Long> expectedVersions() {
        synchronized (lastSeqByEntity) {
            Map<String, Long> expected = new TreeMap<>(lastSeqByEntity);
            expected.remove("thing-poison");
            return expected;
        }
    }

    private static Map<String, Long> versions(RecordingSinks sinks) {
        Map<String, Long> versions = new TreeMap<>();
        synchronized (sinks.documents) {
            sinks.documents.forEach((id, document) -> versions.put(id, document.version()));
        }
        return versions;
    }

    private static void awaitVersions(RecordingSinks sinks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!expectedVersions().equals(versions(sinks)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
