package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.config.RecastConfig;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.migrate.RewriteStep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast bench}: measures Recast's steps side by side with the physical limits of this machine, in one run,
 * on a seeded journal; prints a table of medians and writes it as JSON. Each repetition seeds a fresh keyspace.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures Recast side by side with the physical limits of this machine and with the peers, in"
                + " one run, on seeded journals.",
                "Default: the whole migration at two scales (--scales); --step narrows it to one step."})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Where the bench keeps its child migrations' configuration and output, and its raw loads' spill files. */
    private static final Path BENCH_DIR = Path.of("target", "bench");

    @ParentCommand
    RecastCli root;

    @Option(names = "--events", description = "events in the journal (default 200000; with --step all, one scale"
            + " instead of --scales)")
    Integer events;

    @Option(names = "--entities", description = "entities (default: one per 10 events)")
    Integer entities;

    @Option(names = "--scales", split = ",", defaultValue = "10000,200000,1000000",
            description = {"with --step all: the journal sizes, in events, one after the other (default"
                    + " ${DEFAULT-VALUE}).", "With three or more, the first is small: it measures the fixed cost of a"
                    + " run (start-up, tables, index creation), and growth is also shown net of it."})
    List<Integer> scales;

    @Option(names = "--repeat-largest", defaultValue = "1",
            description = "with --step all: repetitions at the largest of several scales (default ${DEFAULT-VALUE})")
    int repeatLargest;

    @Option(names = "--peer-ids", defaultValue = "1000",
            description = "with --step all: persistence ids the slow tag view peers rebuild, a sample of the journal's"
                    + " (default ${DEFAULT-VALUE})")
    int peerIds;

    @Option(names = "--peers-at", defaultValue = "200000",
            description = "with --step all: the scale at which the peers run, in its first repetition (default"
                    + " ${DEFAULT-VALUE}; the first scale when it is not one of --scales)")
    int peersAt;

    @Option(names = "--no-peers", description = "with --step all or views: leave the peers out (quicker)")
    boolean noPeers;

    @Option(names = "--migrate-heap", defaultValue = "1g",
            description = "with --step all: the -Xmx of the JVM that runs recast migrate (default ${DEFAULT-VALUE})")
    String migrateHeap;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--repeat", defaultValue = "3", description = "repetitions; medians are reported (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--report", paramLabel = "FILE", description = "write the figures as JSON")
    Path report;

    @Option(names = "--in-flight", defaultValue = "8",
            description = "token ranges Recast's passes read at once; the raw scan keeps 8 (default ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--dry-run-only", description = "measure the raw scan and the dry run only (quick)")
    boolean dryRunOnly;

    @Option(names = "--warmup", defaultValue = "1",
            description = "repetitions run first and left out of the figures, so the JIT has compiled the code"
                    + " (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--step", defaultValue = "all",
            description = "what to measure: all (the whole migration in its own JVM, the four raw limits and the"
                    + " peers, at each of --scales), rewrite (the journal rewrite), tag-views (the tag view rebuild,"
                    + " with the plugin's Reconciliation) or views (the replay into Elasticsearch and Blazegraph, with"
                    + " raw loads) or cluster (a reindex of Elasticsearch on one node, then on two nodes of a Pekko"
                    + " cluster, each a JVM of its own) (default ${DEFAULT-VALUE})")
    String step;

    @Option(names = "--keyspace-prefix", defaultValue = "recast_bench_",
            description = "with --step rewrite: the prefix of the keyspaces each repetition seeds and drops, so that two"
                    + " benches can share a Cassandra (default ${DEFAULT-VALUE})")
    String keyspacePrefix;

    @Option(names = "--plugin-runs", defaultValue = "1",
            description = "with --step tag-views: in how many measured repetitions the plugin's own tool runs too (it"
                    + " is slow) (default ${DEFAULT-VALUE})")
    int pluginRuns;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        CassandraSettings cassandra = new Endpoints(config, out).cassandra();
        UpcasterSet upcasters = UpcasterSets.load().find("1.0", "1.1");
        if ("all".equals(step)) {
            return whole(out, config, cassandra, upcasters);
        }
        int events = this.events == null ? 200_000 : this.events;
        SeedPlan plan = SeedPlan.generate(events, entities == null ? events / 10 : entities, seed);
        TokenRangeScanner.Settings scan = TokenRangeScanner.Settings.defaults();
        out.printf("bench: %,d events of %,d entities (seed %d), %d repetitions, %d token ranges, %d in flight%n",
                plan.events(), plan.entities().size(), seed, repeat, scan.rangeCount(), scan.maxInFlight());

        Map<String, List<Double>> measured = new LinkedHashMap<>();
        if (warmup > 0) {
            out.printf("(%d warm-up repetition%s first, not counted)%n", warmup, warmup > 1 ? "s" : "");
        }
        if ("tag-views".equals(step)) {
            try (CqlSession session = CassandraSessions.open(cassandra)) {
                TagViewBench bench = new TagViewBench(session, cassandra, scan, inFlight, BENCH_DIR, out);
                for (int r = 1 - warmup; r <= repeat; r++) {
                    bench.repetition(r, "recast_tvbench_" + Math.max(r, 0), plan, r >= 1 && r <= pluginRuns,
                            r >= 1 ? measured : new LinkedHashMap<>());
                }
            }
            return report(out, measured, plan);
        } else if ("views".equals(step)) {
            Endpoints endpoints = new Endpoints(config, out);
            try (CqlSession session = CassandraSessions.open(cassandra)) {
                ViewBench bench = new ViewBench(session, cassandra, endpoints, upcasters,
                        Math.max(1, config.viewsSlices()), config.viewsBatchSize(), BENCH_DIR, out);
                for (int r = 1 - warmup; r <= repeat; r++) {
                    bench.repetition(r, "recast_viewbench_" + Math.max(r, 0), plan, !noPeers,
                            r >= 1 ? measured : new LinkedHashMap<>());
                }
            }
            return report(out, measured, plan);
        } else if ("cluster".equals(step)) {
            return cluster(out, config, cassandra, plan, measured);
        } else if (!"rewrite".equals(step)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--step is all, rewrite, tag-views, views or cluster, not " + step);
        }
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("bench",
                KgActorSystem.config(cassandra, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            for (int r = 1 - warmup; r <= repeat; r++) {
                String ks = keyspacePrefix + Math.max(r, 0);
                Map<String, List<Double>> figures = r >= 1 ? measured : new LinkedHashMap<>();
                session.execute("DROP KEYSPACE IF EXISTS " + ks);
                session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
                double seedSeconds = time(() -> new DirectJournalWriter(session, ks, system.classicSystem(), 256)
                        .write(plan, n -> { }));
                AtomicLong scanned = new AtomicLong();
                List<JournalRow> rows = new ArrayList<>();
                // the CPU time of this JVM (the client) in each: what a shared machine's load does not change much
                CpuMeter client = new CpuMeter(Map.of("recast", ProcessHandle.current()));
                CpuMeter.Reading beforeScan = client.read();
                double scanSeconds = time(() -> new TokenRangeScanner(session, ks, scan)
                        .scan((range, row) -> scanned.incrementAndGet()));
                double scanCpu = client.read().since(beforeScan).total();
                RewriteResult[] dry = new RewriteResult[1];
                TokenRangeScanner.Settings recastScan = scan.withMaxInFlight(inFlight);
                CpuMeter.Reading beforeDry = client.read();
                double drySeconds = time(() -> dry[0] = RewriteStep.run(session, ks, ks + "_snapshot", upcasters,
                        upcasters.manifests(), RewriteOptions.dryRun("bench"), recastScan, n -> { }));
                double dryCpu = client.read().since(beforeDry).total();
                if (dryRunOnly) {
                    double scanRate = scanned.get() / scanSeconds;
                    double dryRate = dry[0].eventsRead() / drySeconds;
                    add(figures, "raw scan, events/s", scanRate);
                    add(figures, "dry run, events/s", dryRate);
                    add(figures, "dry run / raw scan (target >= 0.7)", dryRate / scanRate);
                    add(figures, "dry run: first pass, s", dry[0].contextPass().toNanos() / 1e9);
                    add(figures, "dry run: rewrite pass, s", dry[0].rewritePass().toNanos() / 1e9);
                    add(figures, "raw scan: client CPU, us/event", scanCpu * 1e6 / scanned.get());
                    add(figures, "dry run: client CPU, us/event", dryCpu * 1e6 / dry[0].eventsRead());
                    out.printf("  run %d: raw scan %.2f s (%,.0f/s, client CPU %.2f s), dry run %.2f s (%,.0f/s,"
                            + " client CPU %.2f s)%n", r, scanSeconds, scanRate, scanCpu, drySeconds, dryRate, dryCpu);
                    session.execute("DROP KEYSPACE IF EXISTS " + ks);
                    continue;
                }
                RewriteResult[] run = new RewriteResult[1];
                double runSeconds = time(() -> run[0] = RewriteStep.run(session, ks, ks + "_snapshot", upcasters,
                        upcasters.manifests(), RewriteOptions.run("bench"), recastScan, n -> { }));
                ConcurrentLinkedQueue<JournalRow> loaded = new ConcurrentLinkedQueue<>();
                new TokenRangeScanner(session, ks, scan).scan((range, row) -> loaded.add(row));
                rows.addAll(loaded);
                long toInsert = run[0].rowsWritten();
                double insertSeconds = rawInsert(session, ks, rows, toInsert);
                session.execute("DROP KEYSPACE IF EXISTS " + ks);
                session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");

                double scanRate = scanned.get() / scanSeconds;
                double dryRate = dry[0].eventsRead() / drySeconds;
                add(figures, "seed (direct), events/s", plan.events() / seedSeconds);
                add(figures, "raw scan, events/s", scanRate);
                add(figures, "dry run, events/s", dryRate);
                add(figures, "dry run / raw scan (target >= 0.7)", dryRate / scanRate);
                add(figures, "dry run: first pass, s", dry[0].contextPass().toNanos() / 1e9);
                add(figures, "dry run: rewrite pass, s", dry[0].rewritePass().toNanos() / 1e9);
                add(figures, "rewrite, s", runSeconds);
                add(figures, "rewrite: first pass, s", run[0].contextPass().toNanos() / 1e9);
                add(figures, "rewrite: rewrite pass, s", run[0].rewritePass().toNanos() / 1e9);
                add(figures, "rewrite, events/s", plan.events() / runSeconds);
                add(figures, "rows written by the rewrite", (double) toInsert);
                add(figures, "raw scan, s", scanSeconds);
                add(figures, "raw unlogged insert of those rows, s", insertSeconds);
                add(figures, "rewrite / (raw scan + raw insert) (target <= 1.5)", runSeconds / (scanSeconds + insertSeconds));
                out.printf("  run %d: seed %.1f s, raw scan %.2f s (%,.0f/s), dry run %.2f s (%,.0f/s), rewrite %.2f s,"
                        + " raw insert of %,d rows %.2f s%n", r, seedSeconds, scanSeconds, scanRate, drySeconds, dryRate,
                        runSeconds, toInsert, insertSeconds);
                if (!run[0].clean()) {
                    throw new IllegalStateException("the bench journal had quarantined events: " + run[0].listed());
                }
            }
        } finally {
            system.terminate();
        }
        return report(out, measured, plan);
    }

    /**
     * {@code --step all}: at each scale, repetitions of {@link WholeBench} (the peers in the first measured
     * repetition of the first scale), a table per scale, then how time and memory grew from the first scale to the
     * last.
     */
    private int whole(PrintStream out, RecastConfig config, CassandraSettings cassandra, UpcasterSet upcasters)
            throws Exception {
        List<Integer> sizes = events != null ? List.of(events) : scales;
        if (repeat < 1 || repeatLargest < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--repeat and --repeat-largest must be at least 1");
        }
        Endpoints endpoints = new Endpoints(config, out);
        ChildMigration migration = new ChildMigration(BENCH_DIR, migrateHeap,
                Optional.ofNullable(root.configFile));
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> perScale = new ArrayList<>();
        List<Map<String, Double>> medians = new ArrayList<>();
        out.printf("bench: the whole migration at %s events (seed %d); %d repetition(s), %d at the largest;"
                + " peers: %s%n", sizes, seed, repeat, sizes.size() > 1 ? repeatLargest : repeat,
                noPeers ? "none" : "on " + peerIds + " ids for the tag view peers");
        int peerScale = Math.max(0, sizes.indexOf(peersAt));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            WholeBench bench = new WholeBench(session, cassandra, endpoints, config, upcasters, migration, peerIds,
                    BENCH_DIR, out);
            for (int s = 0; s < sizes.size(); s++) {
                int size = sizes.get(s);
                int entityCount = entities == null ? size / 10 : entities;
                // a plan holds every event: each repetition makes its own (the same) and drops it once seeded
                Supplier<SeedPlan> plans = () -> SeedPlan.generate(size, entityCount, seed);
                int repetitions = s == sizes.size() - 1 && sizes.size() > 1 ? repeatLargest : repeat;
                int warm = s == 0 ? warmup : 0;
                Map<String, List<Double>> figures = new LinkedHashMap<>();
                WholeBench.Seeded seeded = null;
                for (int r = 1 - warm; r <= repetitions; r++) {
                    out.printf("  %,d events, %s %d:%n", size, r >= 1 ? "repetition" : "warm-up", r >= 1 ? r : 1 - r);
                    seeded = bench.repetition("recast_whole_" + (r >= 1 ? r : 0), plans,
                            !noPeers && s == peerScale && r == 1, r >= 1 ? figures : new LinkedHashMap<>());
                }
                Map<String, Object> table = table(out, figures, String.format("%,d events of %,d entities, medians of %d",
                        seeded.events(), seeded.entities(), repetitions));
                table.put("events", seeded.events());
                table.put("entities", seeded.entities());
                table.put("repetitions", repetitions);
                perScale.add(table);
                Map<String, Double> m = new LinkedHashMap<>();
                figures.forEach((name, values) -> m.put(name, median(values)));
                medians.add(m);
            }
        }
        json.put("scales", perScale);
        if (sizes.size() > 1) {
            json.put("growth", growth(out, sizes, medians));
        }
        return write(out, json);
    }

    /** How time and memory grew to the last scale (see {@link ScaleGrowth}): time linear, memory flat. */
    private static Map<String, Object> growth(PrintStream out, List<Integer> sizes, List<Map<String, Double>> medians) {
        int from = sizes.size() >= 3 ? 1 : 0;
        Map<String, Object> growth = new LinkedHashMap<>();
        ScaleGrowth probe = ScaleGrowth.of(sizes, sizes.stream().map(Integer::doubleValue).toList());
        out.printf("%nfrom %,d to %,d events (x%.2f)%s:%n", sizes.get(from), sizes.get(sizes.size() - 1),
                probe.sizeRatio(), probe.netSize().isPresent() ? String.format("; net of the fixed cost measured at"
                        + " %,d events: x%.2f", sizes.get(0), probe.netSize().getAsDouble()) : "");
        for (String figure : List.of("Recast rewrite + reset + tag views + replay, s",
                "recast migrate, start to exit (verify included), s", "Recast rewrite, s", "Recast tag views, s",
                "Recast replay into Elasticsearch and RDF, s", "sum of the four raw limits, s")) {
            ScaleGrowth g = ScaleGrowth.of(sizes, medians.stream().map(m -> m.get(figure)).toList());
            String net = g.netRatio().isPresent() ? String.format("; net x%.2f (linear within 10%%: %s)",
                    g.netRatio().getAsDouble(), g.linearNetOfFixedCost().orElseThrow() ? "yes" : "no") : "";
            out.printf("  %-52s x%.2f (linear within 10%%: %s)%s%n", figure, g.ratio(), g.linear() ? "yes" : "no", net);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ratio", g.ratio());
            entry.put("linear", g.linear());
            g.netRatio().ifPresent(r -> entry.put("netRatio", r));
            g.linearNetOfFixedCost().ifPresent(l -> entry.put("linearNetOfFixedCost", l));
            growth.put(figure, entry);
        }
        String rss = "recast migrate JVM, peak RSS MB";
        ScaleGrowth memory = ScaleGrowth.of(sizes, medians.stream().map(m -> m.get(rss)).toList());
        out.printf("  %-52s x%.2f (flat within 25%%: %s)%n", rss, memory.ratio(), memory.flat() ? "yes" : "no");
        growth.put(rss, Map.of("ratio", memory.ratio(), "flat", memory.flat()));
        growth.put("sizeRatio", probe.sizeRatio());
        probe.netSize().ifPresent(n -> growth.put("netSizeRatio", n));
        return growth;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Prints the figures' medians, minimums and maximums under {@code title}; returns them for the JSON report. */
    private static Map<String, Object> table(PrintStream out, Map<String, List<Double>> figures, String title) {
        out.printf("%n%-64s %14s %14s %14s%n", title, "median", "min", "max");
        Map<String, Object> json = new LinkedHashMap<>();
        figures.forEach((name, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double median = median(values);
            out.printf("%-64s %,14.2f %,14.2f %,14.2f%n", name, median, sorted.get(0), sorted.get(sorted.size() - 1));
            json.put(name, Map.of("median", median, "min", sorted.get(0), "max", sorted.get(sorted.size() - 1),
                    "values", values));
        });
        return json;
    }

    private int write(PrintStream out, Map<String, Object> json) {
        json.put("jvm", ManagementFactory.getRuntimeMXBean().getVmVersion());
        if (report != null) {
            try {
                Files.write(report, JSON.writeValueAsBytes(json));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("figures written to " + report);
        }
        return 0;
    }

    /**
     * {@code --step cluster}: seeds and migrates one journal, then per repetition a reindex of Elasticsearch on one
     * node and on two nodes, each node a JVM of its own.
     */
    private int cluster(PrintStream out, RecastConfig config, CassandraSettings benchCassandra, SeedPlan plan,
                        Map<String, List<Double>> measured) {
        CassandraSettings cassandra = benchCassandra.withKeyspace("recast_clusterbench");
        Endpoints endpoints = new Endpoints(config, out);
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("bench",
                KgActorSystem.config(cassandra, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            session.execute("DROP KEYSPACE IF EXISTS " + cassandra.keyspace());
            session.execute("DROP KEYSPACE IF EXISTS " + cassandra.keyspace() + "_snapshot");
            new DirectJournalWriter(session, cassandra.keyspace(), system.classicSystem(), 256).write(plan, n -> { });
            ClusterBench bench = new ClusterBench(session, cassandra, endpoints.elasticsearch().url(),
                    Path.of("target", "bench-cluster"), migrateHeap, Optional.ofNullable(root.configFile), out);
            out.println("  migrating the journal (not timed)");
            bench.dropIndexes(2 * (repeat + warmup) + 10);
            bench.migrate();
            long doneTwice = 0;
            for (int r = 1 - warmup; r <= repeat; r++) {
                Map<String, List<Double>> figures = r >= 1 ? measured : new LinkedHashMap<>();
                ClusterBench.Run one = bench.reindex(1, "one-node-" + Math.max(r, 0));
                ClusterBench.Run two = bench.reindex(2, "two-nodes-" + Math.max(r, 0));
                add(figures, "one node: replay (members awaited included), s", one.replaySeconds());
                add(figures, "one node: slices, start to last range, s", one.slicesSeconds());
                add(figures, "one node: slices, events/s", one.eventsPerSecond());
                add(figures, "one node: reindex start to exit, s", one.wallSeconds());
                add(figures, "two nodes: replay (members awaited included), s", two.replaySeconds());
                add(figures, "two nodes: slices, start to last range, s", two.slicesSeconds());
                add(figures, "two nodes: slices, events/s", two.eventsPerSecond());
                add(figures, "two nodes: reindex start to exit, s", two.wallSeconds());
                add(figures, "two nodes / one node, slices' rate", two.eventsPerSecond() / one.eventsPerSecond());
                int least = two.sharing().rangesByNode().values().stream().mapToInt(Integer::intValue).min()
                        .orElse(0);
                add(figures, "two nodes: ranges done by the node with fewer", least);
                add(figures, "two nodes: ranges done more than once", two.sharing().rangesDoneMoreThanOnce().size());
                out.printf("  run %d: one node %.1f s (%,.0f events/s), ranges by node %s%n"
                        + "         two nodes %.1f s (%,.0f events/s), ranges by node %s, done more than once %s%n", r,
                        one.slicesSeconds(), one.eventsPerSecond(), one.sharing().rangesByNode().values(),
                        two.slicesSeconds(), two.eventsPerSecond(), two.sharing().rangesByNode().values(),
                        two.sharing().rangesDoneMoreThanOnce());
                if (two.sharing().rangesByNode().size() < 2) {
                    throw new IllegalStateException("The two-node reindex did not share its ranges: " + two.sharing());
                }
                if (r >= 1) {
                    doneTwice += two.sharing().rangesDoneMoreThanOnce().size()
                            + one.sharing().rangesDoneMoreThanOnce().size();
                }
            }
            out.println("ranges done more than once, over every measured run: " + doneTwice);
        } finally {
            system.terminate();
        }
        return report(out, measured, plan);
    }

    private int report(PrintStream out, Map<String, List<Double>> figures, SeedPlan plan) {
        long peakRss = peakRssKb();
        Map<String, Object> json = table(out, figures, "figure (medians of " + repeat + ")");
        out.printf("%-64s %,14d%n", "peak RSS of this JVM, MB", peakRss / 1024);
        json.put("peakRssMb", peakRss / 1024);
        json.put("events", plan.events());
        json.put("entities", plan.entities().size());
        return write(out, json);
    }

    /** Inserts {@code count} rows (copies of {@code rows}, under other ids when more are needed) in unlogged batches per partition. */
    private static double rawInsert(CqlSession session, String keyspace, List<JournalRow> rows, long count) {
        session.execute(JournalSchema.createMessagesTable(keyspace).replace(".messages (", ".raw_insert ("));
        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(keyspace, false)
                .replace(keyspace + ".messages", keyspace + ".raw_insert"));
        Map<String, List<JournalRow>> byPid = new LinkedHashMap<>();
        rows.forEach(row -> byPid.computeIfAbsent(row.persistenceId(), k -> new ArrayList<>()).add(row));
        Semaphore inFlight = new Semaphore(64);
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        long inserted = 0;
        for (int copy = 0; inserted < count; copy++) {
            for (List<JournalRow> partition : byPid.values()) {
                if (inserted >= count) {
                    break;
                }
                BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
                for (JournalRow row : partition) {
                    if (inserted >= count) {
                        break;
                    }
                    // bound as the rewrite binds its rows (as bytes), under a copy's own persistence id
                    JournalRow copyOfRow = new JournalRow(row.persistenceId() + "~" + copy, row.partitionNr(),
                            row.sequenceNr(), row.timestamp(), row.timebucket(), row.writerUuid(), row.serId(),
                            row.serManifest(), row.eventManifest(), row.event(), null, null, null, row.tags());
                    batch.addStatement(copyOfRow.bindInsert(insert, -1));
                    inserted++;
                }
                inFlight.acquireUninterruptibly();
                CompletableFuture<?> done = session.executeAsync(batch.build()).toCompletableFuture();
                done.whenComplete((ok, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
        }
        inFlight.acquireUninterruptibly(64);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " raw insert batches failed: the figure would be wrong");
        }
        return seconds;
    }

    private static void add(Map<String, List<Double>> figures, String name, double value) {
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static double time(Supplier<?> work) {
        long started = System.nanoTime();
        work.get();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double time(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }

    /** VmHWM of /proc/self/status (Linux), in kB; -1 elsewhere. */
    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
