package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.adapters.elasticsearch.ElasticsearchClients;
import io.recast.adapters.elasticsearch.ElasticsearchIndexSink;
import io.recast.adapters.elasticsearch.RawBulkLoad;
import io.recast.adapters.elasticsearch.VersionedIndexes;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.adapters.rdf.RawLoadResult;
import io.recast.adapters.rdf.RawSparqlLoad;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.view.RetryPolicy;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.v1_1.EntityState;
import io.recast.kg.v1_1.KgEntity;
import io.recast.migrate.RewriteStep;
import io.recast.projections.views.BlazegraphView;
import io.recast.projections.views.ElasticsearchView;
import io.recast.projections.views.VersionedView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.cassandra.reconciler.Reconciliation;
import scala.concurrent.Await;

/**
 * The whole rebuild at one scale, for {@code recast bench} (step {@code all}): on a freshly seeded legacy journal,
 * side by side in one repetition,
 * <ul>
 *   <li>the physical limits of this machine: a raw token-range scan of {@code messages}, a raw unlogged-batch insert
 *   of the tag view rows, a raw bulk load of the index's documents and a raw {@code INSERT DATA} load of the
 *   graphs' triples (the rows, documents and triples prepared beforehand, range by range, into spill files on
 *   disk, then streamed back, so only the loading is timed and memory does not grow with the journal);</li>
 *   <li>Recast: the dry run (in this JVM), then {@code recast migrate --from 1.0 --to 1.1} in a JVM of its own
 *   (rewrite, reset, tag views and, at the same time, the replay into Elasticsearch and Blazegraph, verify), each
 *   step's time read from its migration history, the four steps' wall time (from the rewrite's start to the last
 *   rebuild's end), the command's wall time and its peak resident memory;</li>
 *   <li>with {@code withPeers}: what users run without Recast, on the same migrated journal. A plain Pekko
 *   Projection per tag over the plugin's {@code eventsByTag} writing both read models with the migration's handler;
 *   the plugin's {@code Reconciliation} (truncate, then {@code rebuildTagViewForPersistenceIds} one id at a time);
 *   and the way BlueBrain Nexus's v1.1 migration rebuilt its tag views, re-materialising every persistent actor one
 *   after another (after a truncation, the plugin writes the missing tag rows of each recovered actor). The two
 *   tag view peers take minutes per 10,000 events, so they run on a sample of the persistence ids and their rate
 *   is that sample's events per second.</li>
 * </ul>
 * Every figure is checked before it is reported: the tag views hold one row per tagged event, the index and the
 * graphs as many documents and triples as the journal folds to, and the peers wrote as much as Recast did.
 */
final class WholeBench {

    private static final Duration TIMEOUT = Duration.ofHours(3);
    private static final String FROM = "1.0";
    private static final String TO = "1.1";

    private final CqlSession session;
    private final CassandraSettings cassandra;
    private final Endpoints endpoints;
    private final RecastConfig config;
    private final UpcasterSet upcasters;
    private final ChildMigration migration;
    private final int peerIds;
    private final Path spillDir;
    private final PrintStream out;

    /** {@code spillDir}: where the raw loads are prepared, in files deleted once loaded. */
    WholeBench(CqlSession session, CassandraSettings cassandra, Endpoints endpoints, RecastConfig config,
               UpcasterSet upcasters, ChildMigration migration, int peerIds, Path spillDir, PrintStream out) {
        this.session = session;
        this.cassandra = cassandra;
        this.endpoints = endpoints;
        this.config = config;
        this.upcasters = upcasters;
        this.migration = migration;
        this.peerIds = peerIds;
        this.spillDir = spillDir;
        this.out = out;
    }

    /** What a repetition seeded: the plan's events and entities, the peers' sample of it, and how long it took. */
    record Seeded(long events, int entities, List<EntityScript> sample, double seconds) {
    }

    /**
     * One repetition on a fresh keyspace {@code ks}, seeded with a plan from {@code plans} (made for the seeding and
     * dropped after it: the plan holds every event); its figures are added to {@code figures}.
     */
    Seeded repetition(String ks, Supplier<SeedPlan> plans, boolean withPeers, Map<String, List<Double>> figures)
            throws Exception {
        CassandraSettings settings = cassandra.withKeyspace(ks);
        TokenRangeScanner.Settings scan = TokenRangeScanner.Settings.defaults();
        RetryPolicy retry = RetryPolicy.defaults();
        BlazegraphNamespaces namespaces = new BlazegraphNamespaces(endpoints.sparql(), config.sparqlUsername(),
                config.sparqlPassword());
        ActorSystem<SpawnProtocol.Command> system = actorSystem(settings, "bench-whole");
        try (ElasticsearchClients.Handle es = ElasticsearchClients.open(endpoints.elasticsearch())) {
            var client = es.transport().restClient();
            ElasticsearchIndexSink.Settings sinkSettings = ElasticsearchIndexSink.Settings.defaults();
            VersionedIndexes served = new VersionedIndexes(client, config.viewsIndex(ks), retry);
            VersionedIndexes benchIndexes = new VersionedIndexes(client, ks + "_bench", retry);
            ElasticsearchView benchIndex = new ElasticsearchView(client, benchIndexes, ReadModels.indexBody(),
                    sinkSettings);
            BlazegraphView servedGraphs = new BlazegraphView(namespaces, config.viewsNamespace(ks), retry);
            BlazegraphView benchGraphs = new BlazegraphView(namespaces, ks + "_bench", retry);
            dropAll(ks, client, served, benchIndexes, servedGraphs, benchGraphs, namespaces);

            Seeded seeded = seed(ks, plans, system, withPeers);
            double seedSeconds = seeded.seconds();

            AtomicLong scanned = new AtomicLong();
            long started = System.nanoTime();
            new TokenRangeScanner(session, ks, scan).scan((range, row) -> scanned.incrementAndGet());
            double scanSeconds = seconds(started);

            RewriteResult[] dry = new RewriteResult[1];
            started = System.nanoTime();
            dry[0] = RewriteStep.run(session, ks, ks + "_snapshot", upcasters, upcasters.manifests(),
                    RewriteOptions.dryRun("bench"), scan, n -> { });
            double drySeconds = seconds(started);

            out.printf("    seeded %,d events in %.1f s; raw scan %.2f s; dry run %.2f s; migrating in its own JVM ...%n",
                    seeded.events(), seedSeconds, scanSeconds, drySeconds);
            ChildMigration.Result migrated = migration.run(settings, endpoints.elasticsearch().url(),
                    endpoints.sparql());
            if (migrated.exitCode() != 0) {
                throw new IllegalStateException("recast migrate exited with " + migrated.exitCode() + " (output in "
                        + migrated.log() + "):\n" + migrated.tail());
            }
            Map<String, StepRecord> steps = stepRuns(ks);

            TagViewBench tagViews = new TagViewBench(session, settings, scan, 8, spillDir, out);
            RawTagViewLoad.Prepared tagRows;
            double tagInsertSeconds;
            try (SpillFile spill = SpillFile.create(spillDir, "tag-view-rows")) {
                RawTagViewLoad rawTagViews = new RawTagViewLoad(session, ks, scan);
                tagRows = rawTagViews.prepare(spill);
                long storedTagRows = tagViews.countTagViews(ks, tagRows.partitions());
                if (storedTagRows != tagRows.rows()) {
                    throw new IllegalStateException("the migrated journal has " + tagRows.rows() + " tagged event rows"
                            + " but its tag views hold " + storedTagRows + ": the figures would be wrong");
                }
                tagInsertSeconds = rawTagViews.insert(spill);
            }
            long tagRowCount = tagRows.rows();
            Set<String> partitions = tagRows.partitions();

            ViewBench views = new ViewBench(session, settings, endpoints, upcasters,
                    Math.max(1, config.viewsSlices()), config.viewsBatchSize(), spillDir, out);
            String servedIndex = served.activeIndex().orElseThrow(() -> new IllegalStateException(
                    "the migration left no index behind the alias " + served.alias()));
            served.refresh(servedIndex);
            long servedDocuments = served.count(servedIndex);
            benchIndex.create(benchIndexes.indexOf(1));
            namespaces.create(benchGraphs.targetOf(1));
            RawBulkLoad bulkLoad = new RawBulkLoad(client, sinkSettings);
            RawSparqlLoad sparqlLoad = new RawSparqlLoad(namespaces.sparqlEndpoint(benchGraphs.targetOf(1)), retry);
            RawViewLoads.Counts folded;
            RawBulkLoad.Result bulk;
            RawLoadResult sparql;
            try (RawViewLoads raw = RawViewLoads.prepare(views, ks, bulkLoad, sparqlLoad, spillDir)) {
                folded = raw.counts();
                if (servedDocuments != folded.documents()) {
                    throw new IllegalStateException("the migration's index holds " + servedDocuments + " documents,"
                            + " the journal folds to " + folded.documents());
                }
                bulk = raw.loadDocuments(bulkLoad, benchIndexes.indexOf(1));
                sparql = raw.loadTriples(sparqlLoad);
            }
            double bulkSeconds = bulk.elapsedNanos() / 1e9;
            double sparqlSeconds = sparql.elapsedNanos() / 1e9;

            double events = seeded.events();
            double rewrite = step(steps, StepNames.REWRITE);
            double reset = step(steps, StepNames.RESET);
            double tagViewSeconds = step(steps, StepNames.TAG_VIEWS);
            double replay = step(steps, StepNames.REPLAY);
            double verify = step(steps, StepNames.VERIFY);
            // the tag views and the replay run at the same time: the four steps' wall time, not their sum
            double rebuilds = span(steps, StepNames.TAG_VIEWS, StepNames.REPLAY);
            double fourSteps = span(steps, StepNames.REWRITE, StepNames.RESET, StepNames.TAG_VIEWS, StepNames.REPLAY);
            double rawLimits = scanSeconds + tagInsertSeconds + bulkSeconds + sparqlSeconds;
            add(figures, "raw scan of messages, s", scanSeconds);
            add(figures, "raw scan of messages, events/s", scanned.get() / scanSeconds);
            add(figures, "raw insert of the tag view rows, s", tagInsertSeconds);
            add(figures, "raw bulk of the documents, s", bulkSeconds);
            add(figures, "raw SPARQL load of the triples, s", sparqlSeconds);
            add(figures, "sum of the four raw limits, s", rawLimits);
            add(figures, "Recast dry run, events/s", events / drySeconds);
            add(figures, "dry run / raw scan, rate (target >= 0.7)", (events / drySeconds) / (scanned.get() / scanSeconds));
            add(figures, "Recast rewrite, s", rewrite);
            add(figures, "Recast rewrite, events/s", events / rewrite);
            add(figures, "Recast reset of offsets and tag views, s", reset);
            add(figures, "Recast tag views, s", tagViewSeconds);
            add(figures, "Recast tag views, events/s", events / tagViewSeconds);
            add(figures, "tag views / (raw scan + raw insert), time", tagViewSeconds / (scanSeconds + tagInsertSeconds));
            add(figures, "Recast replay into Elasticsearch and RDF, s", replay);
            add(figures, "Recast replay, events/s", events / replay);
            add(figures, "replay / (raw scan + raw bulk + raw SPARQL), time",
                    replay / (scanSeconds + bulkSeconds + sparqlSeconds));
            add(figures, "Recast tag views and replay at once, wall s", rebuilds);
            add(figures, "Recast verify, s", verify);
            add(figures, "Recast rewrite + reset + tag views + replay, s", fourSteps);
            add(figures, "whole / sum of raw limits, time (target <= 2)", fourSteps / rawLimits);
            add(figures, "recast migrate, start to exit (verify included), s", migrated.seconds());
            add(figures, "recast migrate, events/s (start to exit)", events / migrated.seconds());
            add(figures, "recast migrate JVM, peak RSS MB", migrated.peakRssKb() / 1024.0);
            add(figures, "tag view rows", (double) tagRowCount);
            add(figures, "documents", (double) folded.documents());
            add(figures, "triples", (double) folded.triples());
            out.printf("    migration %.1f s (rewrite %.1f, reset %.1f, tag views %.1f and replay %.1f at once in %.1f,"
                            + " verify %.1f),"
                            + " peak RSS %,d MB; raw limits %.1f s (scan %.1f, tag rows %.1f, bulk %.1f, SPARQL %.1f):"
                            + " whole / raw %.2f%n", migrated.seconds(), rewrite, reset, tagViewSeconds, replay, rebuilds, verify,
                    migrated.peakRssKb() / 1024, rawLimits, scanSeconds, tagInsertSeconds, bulkSeconds, sparqlSeconds,
                    fourSteps / rawLimits);

            if (withPeers) {
                peers(ks, settings, seeded, views, benchIndex, benchIndexes, benchGraphs, namespaces, folded,
                        partitions, tagViews, system, tagViewSeconds, replay,
                        scanSeconds + tagInsertSeconds, scanSeconds + bulkSeconds + sparqlSeconds, figures);
            }
            dropAll(ks, client, served, benchIndexes, servedGraphs, benchGraphs, namespaces);
            return seeded;
        } finally {
            stop(system);
            session.execute("DROP KEYSPACE IF EXISTS " + ks);
            session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
        }
    }

    /** Writes a plan from {@code plans} into {@code ks}; keeps of it its size and, for the peers, their sample. */
    private Seeded seed(String ks, Supplier<SeedPlan> plans, ActorSystem<SpawnProtocol.Command> system,
                        boolean withPeers) {
        SeedPlan plan = plans.get();
        long started = System.nanoTime();
        new DirectJournalWriter(session, ks, system.classicSystem(), 256).write(plan, n -> { });
        return new Seeded(plan.events(), plan.entities().size(), withPeers ? sample(plan.entities()) : List.of(),
                seconds(started));
    }

    private void peers(String ks, CassandraSettings settings, Seeded seeded, ViewBench views,
                       ElasticsearchView benchIndex, VersionedIndexes benchIndexes, BlazegraphView benchGraphs,
                       BlazegraphNamespaces namespaces, RawViewLoads.Counts folded, Set<String> partitions, TagViewBench tagViews, ActorSystem<SpawnProtocol.Command> system,
                       double recastTagViews, double recastReplay, double rawTagViews, double rawReplay,
                       Map<String, List<Double>> figures)
            throws Exception {
        double events = seeded.events();
        // 1. a plain projection over eventsByTag reads the tag views the migration rebuilt: it runs first
        benchIndex.create(benchIndexes.indexOf(2));
        namespaces.create(benchGraphs.targetOf(2));
        out.printf("    peer: a plain Pekko Projection over eventsByTag into both read models ...%n");
        double plain = views.plainProjection(system, ks, "plain-bytag", benchIndex.indexSink(benchIndexes.indexOf(2)),
                benchGraphs.graphSink(benchGraphs.targetOf(2)));
        benchIndexes.refresh(benchIndexes.indexOf(2));
        long plainDocuments = benchIndexes.count(benchIndexes.indexOf(2));
        VersionedView.Contents plainGraphs = benchGraphs.contents(benchGraphs.targetOf(2));
        if (plainDocuments != folded.documents() || plainGraphs.versions().size() != folded.graphs()
                || plainGraphs.statements() != folded.triples()) {
            throw new IllegalStateException("the plain projection wrote " + plainDocuments + " documents, "
                    + plainGraphs.versions().size() + " graphs and " + plainGraphs.statements() + " triples; the"
                    + " journal folds to " + folded.documents() + ", " + folded.graphs() + " and " + folded.triples());
        }
        add(figures, "peer: plain projection over eventsByTag, both read models, s", plain);
        add(figures, "peer: plain projection over eventsByTag, events/s", events / plain);
        add(figures, "replay speed-up over the plain projection (target >= 3)", plain / recastReplay);
        add(figures, "  ceiling: raw scan + raw bulk + raw SPARQL over the plain projection", plain / rawReplay);
        out.printf("    peer: plain projection %.1f s (%,.0f events/s): Recast's replay %.1fx faster%n", plain,
                events / plain, plain / recastReplay);

        // 2. the tag view peers, on a sample of the ids (each in an actor system of its own: the plugin's tag
        // writers keep per-id progress in memory)
        List<EntityScript> sample = seeded.sample();
        Set<String> sampleIds = new TreeSet<>();
        sample.forEach(script -> sampleIds.add(script.persistenceId()));
        long[] sampleCounts = countEvents(ks, sampleIds);
        long sampleEvents = sampleCounts[0];
        long sampleRows = sampleCounts[1];

        ActorSystem<SpawnProtocol.Command> reconciling = actorSystem(settings, "bench-reconciliation");
        double reconciliation;
        try {
            Reconciliation tool = new Reconciliation(reconciling);
            Await.result(tool.truncateTagView(), scala.concurrent.duration.Duration.create(5, TimeUnit.MINUTES));
            long started = System.nanoTime();
            for (String pid : sampleIds) {
                Await.result(tool.rebuildTagViewForPersistenceIds(pid),
                        scala.concurrent.duration.Duration.create(2, TimeUnit.MINUTES));
            }
            reconciliation = seconds(started);
            awaitTagRows(tagViews, ks, partitions, sampleRows, "the plugin's Reconciliation");
        } finally {
            stop(reconciling);
        }
        add(figures, "peer: Reconciliation, sample of persistence ids", (double) sampleIds.size());
        add(figures, "peer: Reconciliation, events/s", sampleEvents / reconciliation);
        add(figures, "tag views speed-up over Reconciliation (target >= 10)",
                (events / recastTagViews) / (sampleEvents / reconciliation));
        add(figures, "  ceiling: raw scan + raw tag row insert over Reconciliation",
                (events / rawTagViews) / (sampleEvents / reconciliation));
        out.printf("    peer: Reconciliation, %,d ids of %,d events in %.1f s (%,.0f events/s)%n", sampleIds.size(),
                sampleEvents, reconciliation, sampleEvents / reconciliation);

        new TagViewReset(session, ks).reset();
        ActorSystem<SpawnProtocol.Command> actors = actorSystem(settings, "bench-one-actor-at-a-time");
        double oneAtATime;
        try {
            // each actor stays up once recovered: the plugin's tag writers drop the unflushed rows of a stopped one
            Duration ask = Duration.ofMinutes(2);
            long started = System.nanoTime();
            for (EntityScript script : sample) {
                ActorRef<KgEntity.Protocol> entity = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(
                        actors, replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create(script.kind(), script.entityId(),
                                project -> Optional.empty()), "peer-" + script.persistenceId(), Props.empty(),
                                replyTo), ask, actors.scheduler()).toCompletableFuture().get(2, TimeUnit.MINUTES);
                AskPattern.<KgEntity.Protocol, EntityState>ask(entity, KgEntity.GetState::new, ask,
                        actors.scheduler()).toCompletableFuture().get(2, TimeUnit.MINUTES);
            }
            oneAtATime = seconds(started);
            awaitTagRows(tagViews, ks, partitions, sampleRows, "re-materialising the actors one at a time");
        } finally {
            stop(actors);
        }
        add(figures, "peer: one actor at a time, events/s", sampleEvents / oneAtATime);
        add(figures, "tag views speed-up over one actor at a time (target >= 50)",
                (events / recastTagViews) / (sampleEvents / oneAtATime));
        add(figures, "  ceiling: raw scan + raw tag row insert over one actor at a time",
                (events / rawTagViews) / (sampleEvents / oneAtATime));
        out.printf("    peer: one actor at a time, %,d ids of %,d events in %.1f s (%,.0f events/s)%n", sample.size(),
                sampleEvents, oneAtATime, sampleEvents / oneAtATime);
    }

    /** Every k-th entity, about {@code peerIds} of them, so every kind of entity is in the sample. */
    private List<EntityScript> sample(List<EntityScript> entities) {
        int step = Math.max(1, entities.size() / Math.max(1, peerIds));
        List<EntityScript> sample = new ArrayList<>();
        for (int i = 0; i < entities.size(); i += step) {
            sample.add(entities.get(i));
        }
        return sample;
    }

    /** The events of {@code ids} in the migrated journal, and their tag rows (one per event and tag). */
    private long[] countEvents(String ks, Set<String> ids) {
        AtomicLong events = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        new TokenRangeScanner(session, ks).scan((range, row) -> {
            if (ids.contains(row.persistenceId())) {
                events.incrementAndGet();
                rows.addAndGet(row.tags().size());
            }
        });
        return new long[] {events.get(), rows.get()};
    }

    /**
     * Waits (at most two minutes, for the tag writers' last flush) until tag_views holds {@code expected} rows. The
     * peers' times stop before this wait, which favours them by a flush interval.
     */
    private void awaitTagRows(TagViewBench tagViews, String ks, Set<String> partitions, long expected, String who)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long stored = tagViews.countTagViews(ks, partitions);
        while (stored != expected && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            stored = tagViews.countTagViews(ks, partitions);
        }
        if (stored != expected) {
            throw new IllegalStateException(who + " left " + stored + " tag view rows for the sample's " + expected
                    + " tagged events: its figure would be wrong");
        }
    }

    /** Each step's run, from the migration's own history (its last successful run of each step). */
    private Map<String, StepRecord> stepRuns(String ks) {
        Map<String, StepRecord> runs = new HashMap<>();
        for (StepRecord step : new CassandraMigrationHistory(session, ks).steps(FROM, TO)) {
            if (step.outcome() == StepRecord.Outcome.SUCCEEDED && step.finishedAt().isPresent()) {
                runs.put(step.step(), step);
            }
        }
        return runs;
    }

    /** Drops what a repetition leaves (a failed one too): its keyspaces, indexes (their aliases go with them) and namespaces. */
    private void dropAll(String ks, org.elasticsearch.client.RestClient client, VersionedIndexes served,
                         VersionedIndexes bench, BlazegraphView servedGraphs, BlazegraphView benchGraphs,
                         BlazegraphNamespaces namespaces) throws java.io.IOException {
        for (int v = 1; v <= 3; v++) {
            client.performRequest(new org.elasticsearch.client.Request("DELETE", "/" + served.indexOf(v) + ","
                    + bench.indexOf(v) + "?ignore_unavailable=true"));
            namespaces.drop(servedGraphs.targetOf(v));
            namespaces.drop(benchGraphs.targetOf(v));
        }
        session.execute("DROP KEYSPACE IF EXISTS " + ks);
        session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
    }

    private static ActorSystem<SpawnProtocol.Command> actorSystem(CassandraSettings settings, String name) {
        return KgActorSystem.start(name, KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
    }

    private static void stop(ActorSystem<?> system) throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    private static void add(Map<String, List<Double>> figures, String name, double value) {
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static StepRecord stepRun(Map<String, StepRecord> steps, String name) {
        StepRecord run = steps.get(name);
        if (run == null) {
            throw new IllegalStateException("the migration's history has no successful step named '" + name + "' (it"
                    + " has " + steps.keySet() + "): the bench must be told the steps' new names");
        }
        return run;
    }

    private static double step(Map<String, StepRecord> steps, String name) {
        StepRecord run = stepRun(steps, name);
        return Duration.between(run.startedAt(), run.finishedAt().orElseThrow()).toNanos() / 1e9;
    }

    /**
     * The wall time from the first of {@code names} to start to the last to finish: steps that run at the same time
     * count once.
     */
    private static double span(Map<String, StepRecord> steps, String... names) {
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (String name : names) {
            StepRecord run = stepRun(steps, name);
            first = first == null || run.startedAt().isBefore(first) ? run.startedAt() : first;
            last = last == null || run.finishedAt().orElseThrow().isAfter(last) ? run.finishedAt().orElseThrow() : last;
        }
        return Duration.between(first, last).toNanos() / 1e9;
    }

    /** The names the migration's steps record in its history. */
    private static final class StepNames {
        static final String REWRITE = "rewrite journal";
        static final String RESET = "reset offsets and tag views";
        static final String TAG_VIEWS = "rebuild tag views";
        static final String REPLAY = "replay projections";
        static final String VERIFY = "verify";
    }
}
