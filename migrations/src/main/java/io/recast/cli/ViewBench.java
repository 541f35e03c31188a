package io.recast.cli;

import io.recast.adapters.cassandra.EntityJournal;
import io.recast.projections.views.LiveViewProjection;
import io.recast.projections.tagviews.TagViewRebuildProjection;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.elasticsearch.ElasticsearchClients;
import io.recast.adapters.elasticsearch.ElasticsearchIndexSink;
import io.recast.adapters.elasticsearch.RawBulkLoad;
import io.recast.adapters.elasticsearch.VersionedIndexes;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.adapters.rdf.RawLoadResult;
import io.recast.adapters.rdf.RawSparqlLoad;
import io.recast.engine.event.CachingManifestCodec;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.WriteOutcome;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.views.KgEntityViewProjector;
import io.recast.migrate.RewriteStep;
import io.recast.projections.views.BlazegraphView;
import io.recast.projections.views.ElasticsearchView;
import io.recast.projections.views.ViewReplay;
import io.recast.projections.views.ViewReplayProjection;
import io.recast.projections.views.ViewWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * The figures of {@code recast bench --step views}: on a seeded and migrated journal, side by side in one
 * repetition, Recast's replay (token-range projections, fold, sinks) into Elasticsearch alone, into Blazegraph alone
 * and into both at once, next to a raw bulk load of the same documents and a raw {@code INSERT DATA} load of the same
 * triples (both prepared beforehand into spill files, {@link RawViewLoads}, so only the loading is timed).
 */
final class ViewBench {

    private static final Duration TIMEOUT = Duration.ofHours(2);

    private final CqlSession session;
    private final CassandraSettings cassandra;
    private final Endpoints endpoints;
    private final UpcasterSet upcasters;
    private final int slices;
    private final int batchSize;
    private final Path spillDir;
    private final PrintStream out;

    /** {@code spillDir}: where the raw loads are prepared, in files deleted once loaded. */
    ViewBench(CqlSession session, CassandraSettings cassandra, Endpoints endpoints, UpcasterSet upcasters, int slices,
              int batchSize, Path spillDir, PrintStream out) {
        this.session = session;
        this.cassandra = cassandra;
        this.endpoints = endpoints;
        this.upcasters = upcasters;
        this.slices = slices;
        this.batchSize = batchSize;
        this.spillDir = spillDir;
        this.out = out;
    }

    /** One repetition of {@code plan} in keyspace {@code ks}. */
    void repetition(int r, String ks, SeedPlan plan, boolean withPeer, Map<String, List<Double>> figures)
            throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + ks);
        session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
        CassandraSettings settings = cassandra.withKeyspace(ks);
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("bench-views-" + r,
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        RetryPolicy retry = RetryPolicy.defaults();
        BlazegraphNamespaces namespaces = new BlazegraphNamespaces(endpoints.sparql());
        try (ElasticsearchClients.Handle es = ElasticsearchClients.open(endpoints.elasticsearch())) {
            new DirectJournalWriter(session, ks, system.classicSystem(), 256).write(plan, n -> { });
            RewriteResult rewritten = RewriteStep.run(session, ks, ks + "_snapshot", upcasters, upcasters.manifests(),
                    RewriteOptions.run("bench"), TokenRangeScanner.Settings.defaults(), n -> { });
            if (!rewritten.clean()) {
                throw new IllegalStateException("the bench journal had quarantined events: " + rewritten.listed());
            }
            // the rewrite renumbered ids: the tag views the plain projection reads are rebuilt first (not timed)
            new TagViewReset(session, ks).reset();
            new TagViewRebuildProjection(new TagViewRebuild(session, TagViewRebuild.Settings.defaults(ks, "bench")),
                    new ProjectionOffsets(session, ProjectionOffsets.Tables.in(ks)), slices).run(system, TIMEOUT);
            CpuMeter cpu = cpuMeter();
            java.util.concurrent.atomic.AtomicLong scanned = new java.util.concurrent.atomic.AtomicLong();
            CpuMeter.Reading beforeScan = cpu.read();
            long scanStarted = System.nanoTime();
            new TokenRangeScanner(session, ks).scan((range, row) -> scanned.incrementAndGet());
            double scanSeconds = (System.nanoTime() - scanStarted) / 1e9;
            CpuMeter.Usage scanCpu = cpu.read().since(beforeScan);
            var client = es.transport().restClient();
            ElasticsearchIndexSink.Settings sinkSettings = ElasticsearchIndexSink.Settings.defaults();
            VersionedIndexes indexes = new VersionedIndexes(client, ks + "_bench", retry);
            ElasticsearchView index = new ElasticsearchView(client, indexes, ReadModels.indexBody(), sinkSettings);
            BlazegraphView graphs = new BlazegraphView(namespaces, ks + "_bench", retry);
            for (int v = 1; v <= 4; v++) {
                indexes.drop(indexes.indexOf(v));
                namespaces.drop(graphs.targetOf(v));
            }

            index.create(indexes.indexOf(1));
            CpuMeter.Reading beforeReplay = cpu.read();
            Replayed intoIndex = replay(system, ks, "es-" + r, index.indexSink(indexes.indexOf(1)), Optional.empty());
            CpuMeter.Usage replayCpu = cpu.read().since(beforeReplay);
            namespaces.create(graphs.targetOf(1));
            Replayed intoGraphs = replay(system, ks, "bg-" + r, Optional.empty(),
                    graphs.graphSink(graphs.targetOf(1)));
            index.create(indexes.indexOf(2));
            namespaces.create(graphs.targetOf(2));
            Replayed intoBoth = replay(system, ks, "both-" + r, index.indexSink(indexes.indexOf(2)),
                    graphs.graphSink(graphs.targetOf(2)));

            double byTagSeconds = Double.NaN;
            long byTagDocuments = -1;
            if (withPeer) {
                index.create(indexes.indexOf(4));
                byTagSeconds = plainProjection(system, ks, "bytag-" + r, index.indexSink(indexes.indexOf(4)));
                indexes.refresh(indexes.indexOf(4));
                byTagDocuments = indexes.count(indexes.indexOf(4));
            }

            long folding = System.nanoTime();
            fold(ks, batch -> new WriteOutcome(batch.size(), 0, List.of()),
                    batch -> new WriteOutcome(batch.size(), 0, List.of()));
            double foldSeconds = (System.nanoTime() - folding) / 1e9;
            index.create(indexes.indexOf(3));
            namespaces.create(graphs.targetOf(3));
            RawBulkLoad bulk = new RawBulkLoad(client, sinkSettings);
            RawSparqlLoad sparql = new RawSparqlLoad(namespaces.sparqlEndpoint(graphs.targetOf(3)), retry);
            RawBulkLoad.Result rawBulk;
            RawLoadResult rawSparql;
            long folded;
            long triples;
            CpuMeter.Usage bulkCpu;
            try (RawViewLoads raw = RawViewLoads.prepare(this, ks, bulk, sparql, spillDir)) {
                folded = raw.documents();
                triples = raw.triples();
                CpuMeter.Reading beforeBulk = cpu.read();
                rawBulk = raw.loadDocuments(bulk, indexes.indexOf(3));
                bulkCpu = cpu.read().since(beforeBulk);
                rawSparql = raw.loadTriples(sparql);
            }

            indexes.refresh(indexes.indexOf(1));
            long documents = indexes.count(indexes.indexOf(1));
            if (documents != folded || rawBulk.documents() != documents
                    || (withPeer && byTagDocuments != documents)) {
                throw new IllegalStateException("the replay stored " + documents + " documents, the raw load "
                        + rawBulk.documents() + ", the plain projection over eventsByTag " + byTagDocuments
                        + ", expected " + folded);
            }
            double events = plan.events();
            double esDocsPerSecond = documents / intoIndex.seconds();
            double graphStatementsPerSecond = triples / intoGraphs.seconds();
            add(figures, "replay into Elasticsearch, events/s", events / intoIndex.seconds());
            add(figures, "replay into Elasticsearch, documents/s", esDocsPerSecond);
            add(figures, "raw bulk load of those documents, documents/s", rawBulk.documentsPerSecond());
            add(figures, "replay / raw bulk (target >= 0.6)", esDocsPerSecond / rawBulk.documentsPerSecond());
            double bulkSeconds = rawBulk.elapsedNanos() / 1e9;
            double sparqlSeconds = rawSparql.elapsedNanos() / 1e9;
            add(figures, "raw token-range scan of the journal, s", scanSeconds);
            add(figures, "replay into Elasticsearch, s", intoIndex.seconds());
            add(figures, "raw bulk, s", bulkSeconds);
            add(figures, "replay / (raw scan + raw bulk), as time", (scanSeconds + bulkSeconds) / intoIndex.seconds());
            int cores = Runtime.getRuntime().availableProcessors();
            add(figures, "CPU of the raw scan (every process), s", scanCpu.total());
            add(figures, "CPU of the replay into Elasticsearch (every process), s", replayCpu.total());
            add(figures, "CPU of the raw bulk (every process), s", bulkCpu.total());
            add(figures, "replay into Elasticsearch, cores busy on average", replayCpu.total() / intoIndex.seconds());
            add(figures, "replay into Elasticsearch, Recast's own CPU, s", replayCpu.of("recast"));
            // the fastest a replay could be on these cores if it cost nothing beyond the scan's and the bulk's CPU and
            // overlapped them perfectly: what the replay / raw bulk ratio can reach on this machine at best
            double floorSeconds = Math.max(Math.max(scanSeconds, bulkSeconds), (scanCpu.total() + bulkCpu.total()) / cores);
            add(figures, "replay / raw bulk at best on " + cores + " cores (the CPU of raw scan + raw bulk)",
                    bulkSeconds / floorSeconds);
            add(figures, "replay into Blazegraph, s", intoGraphs.seconds());
            add(figures, "raw SPARQL load, s", sparqlSeconds);
            add(figures, "replay / (raw scan + raw SPARQL load), as time",
                    (scanSeconds + sparqlSeconds) / intoGraphs.seconds());
            add(figures, "replay into Blazegraph, events/s", events / intoGraphs.seconds());
            add(figures, "replay into Blazegraph, triples/s", graphStatementsPerSecond);
            add(figures, "raw INSERT DATA of those triples, triples/s", rawSparql.statementsPerSecond());
            add(figures, "replay / raw SPARQL load (target >= 0.6)",
                    graphStatementsPerSecond / rawSparql.statementsPerSecond());
            if (withPeer) {
                add(figures, "plain projection over eventsByTag into Elasticsearch, s", byTagSeconds);
                add(figures, "plain projection over eventsByTag, events/s", events / byTagSeconds);
                add(figures, "replay speed-up over the plain projection, Elasticsearch (target >= 3)",
                        byTagSeconds / intoIndex.seconds());
            }
            add(figures, "replay into both at once, events/s", events / intoBoth.seconds());
            add(figures, "scan + fold alone (one range at a time, no sink), events/s", events / foldSeconds);
            add(figures, "documents", (double) documents);
            add(figures, "triples", (double) triples);
            out.printf("  run %d: replay into Elasticsearch %.1f s (%,.0f docs/s; raw bulk %,.0f docs/s), into"
                    + " Blazegraph %.1f s (%,.0f triples/s; raw %,.0f triples/s), into both %.1f s; %,d documents,"
                    + " %,d triples; plain projection over eventsByTag into Elasticsearch %.1f s%n", r,
                    intoIndex.seconds(), esDocsPerSecond, rawBulk.documentsPerSecond(), intoGraphs.seconds(),
                    graphStatementsPerSecond, rawSparql.statementsPerSecond(), intoBoth.seconds(), documents,
                    triples, byTagSeconds);
            out.printf("  run %d: CPU seconds: raw scan %.1f s (%s); replay into Elasticsearch %.1f s (%s); raw bulk"
                    + " %.1f s (%s)%n", r, scanCpu.total(), scanCpu, replayCpu.total(), replayCpu, bulkCpu.total(),
                    bulkCpu);

            for (int v = 1; v <= 4; v++) {
                indexes.drop(indexes.indexOf(v));
                namespaces.drop(graphs.targetOf(v));
            }
            index.close();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get();
            session.execute("DROP KEYSPACE IF EXISTS " + ks);
            session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
        }
    }

    private CpuMeter cpuMeter() {
        java.util.Map<String, ProcessHandle> processes = new java.util.LinkedHashMap<>();
        processes.put("recast", ProcessHandle.current());
        processes.putAll(endpoints.localProcesses());
        return new CpuMeter(processes);
    }

    private record Replayed(double seconds, ViewReplayProjection.Result result) {
    }

    private Replayed replay(ActorSystem<?> system, String ks, String runId, Optional<IndexSink> index,
                            Optional<GraphSink> graphs) {
        ManifestCodec manifests = CachingManifestCodec.of(upcasters.manifests());
        long started = System.nanoTime();
        try (ViewWriter writer = new ViewWriter(new KgEntityViewProjector(), index, graphs, batchSize)) {
            ViewReplayProjection.Result result = new ViewReplayProjection(runId, new ViewReplay(
                    new TokenRangeScanner(session, ks), manifests, writer),
                    new ProjectionOffsets(session, ProjectionOffsets.Tables.in(ks)), slices).run(system, TIMEOUT);
            if (!result.counts().rejections().isEmpty()) {
                throw new IllegalStateException("the replay rejected " + result.counts().rejections().size()
                        + " entities, e.g. " + result.counts().rejections().get(0));
            }
            return new Replayed((System.nanoTime() - started) / 1e9, result);
        }
    }

    /**
     * The peer: what a service without Recast runs to rebuild a view, a plain Pekko Projection per tag over the
     * plugin's {@code eventsByTag} from the first event, with the same handler (each entity of a group folded from
     * its journal and written); timed from its start until every tag has caught up.
     */
    double plainProjection(ActorSystem<?> system, String ks, String name, Optional<IndexSink> index) {
        return plainProjection(system, ks, name, index, Optional.empty());
    }

    /** The plain projection writing the index and the graphs alike, with the migration's handler. */
    double plainProjection(ActorSystem<?> system, String ks, String name, Optional<IndexSink> index,
                           Optional<GraphSink> graphs) {
        ManifestCodec manifests = CachingManifestCodec.of(upcasters.manifests());
        long started = System.nanoTime();
        try (ViewWriter writer = new ViewWriter(new KgEntityViewProjector(), index, graphs, batchSize)) {
            LiveViewProjection projection = new LiveViewProjection(name, KgEntityViewProjector.TAGS,
                    new EntityJournal(session, ks, manifests), writer,
                    new ProjectionOffsets(session, ProjectionOffsets.Tables.in(ks)),
                    java.time.Instant.now().minus(java.time.Duration.ofDays(1)), 200);
            projection.start(system);
            try {
                projection.awaitCaughtUp(system, TIMEOUT);
            } finally {
                projection.stop();
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Folds the journal of {@code ks} into the sinks, one token range after the other (so at most a range's batches
     * are in flight): how the raw loads are prepared, untimed.
     */
    void fold(String ks, IndexSink index, GraphSink graphs) {
        try (ViewWriter writer = new ViewWriter(new KgEntityViewProjector(), Optional.of(index), Optional.of(graphs),
                batchSize)) {
            ViewReplay replay = new ViewReplay(new TokenRangeScanner(session, ks),
                    CachingManifestCodec.of(upcasters.manifests()), writer);
            for (int range = 0; range < replay.rangeCount(); range++) {
                replay.replayRange(range);
            }
        }
    }

    private static void add(Map<String, List<Double>> figures, String name, double value) {
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
}
