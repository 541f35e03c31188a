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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = "Measures the rewrite against a raw token-range scan and a raw unlogged insert, in one run.")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    RecastCli root;

    @Option(names = "--events", defaultValue = "200000", description = "events in the journal (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--entities", defaultValue = "20000", description = "entities (default ${DEFAULT-VALUE})")
    int entities;

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

    @Option(names = "--step", defaultValue = "rewrite",
            description = "what to measure: rewrite (the journal rewrite), tag-views (the tag view rebuild, with"
                    + " the plugin's Reconciliation) or views (the replay into Elasticsearch and Blazegraph, with raw"
                    + " loads) (default ${DEFAULT-VALUE})")
    String step;

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
        SeedPlan plan = SeedPlan.generate(events, entities, seed);
        TokenRangeScanner.Settings scan = TokenRangeScanner.Settings.defaults();
        out.printf("bench: %,d events of %,d entities (seed %d), %d repetitions, %d token ranges, %d in flight%n",
                plan.events(), plan.entities().size(), seed, repeat, scan.rangeCount(), scan.maxInFlight());

        Map<String, List<Double>> measured = new LinkedHashMap<>();
        if (warmup > 0) {
            out.printf("(%d warm-up repetition%s first, not counted)%n", warmup, warmup > 1 ? "s" : "");
        }
        if ("tag-views".equals(step)) {
            try (CqlSession session = CassandraSessions.open(cassandra)) {
                TagViewBench bench = new TagViewBench(session, cassandra, plan, scan, inFlight, out);
                for (int r = 1 - warmup; r <= repeat; r++) {
                    bench.repetition(r, "recast_tvbench_" + Math.max(r, 0), r >= 1 && r <= pluginRuns,
                            r >= 1 ? measured : new LinkedHashMap<>());
                }
            }
            return report(out, measured, plan);
        } else if ("views".equals(step)) {
            Endpoints endpoints = new Endpoints(config, out);
            try (CqlSession session = CassandraSessions.open(cassandra)) {
                ViewBench bench = new ViewBench(session, cassandra, endpoints, plan, upcasters,
                        Math.max(1, config.viewsSlices()), config.viewsBatchSize(), out);
                for (int r = 1 - warmup; r <= repeat; r++) {
                    bench.repetition(r, "recast_viewbench_" + Math.max(r, 0),
                            r >= 1 ? measured : new LinkedHashMap<>());
                }
            }
            return report(out, measured, plan);
        } else if (!"rewrite".equals(step)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--step is rewrite, tag-views or views, not " + step);
        }
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("bench",
                KgActorSystem.config(cassandra, KgActorSystem.firstTimeBucketYesterday()));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            for (int r = 1 - warmup; r <= repeat; r++) {
                String ks = "recast_bench_" + Math.max(r, 0);
                Map<String, List<Double>> figures = r >= 1 ? measured : new LinkedHashMap<>();
                session.execute("DROP KEYSPACE IF EXISTS " + ks);
                session.execute("DROP KEYSPACE IF EXISTS " + ks + "_snapshot");
                double seedSeconds = time(() -> new DirectJournalWriter(session, ks, system.classicSystem(), 256)
                        .write(plan, n -> { }));
                AtomicLong scanned = new AtomicLong();
                List<JournalRow> rows = new ArrayList<>();
                double scanSeconds = time(() -> new TokenRangeScanner(session, ks, scan)
                        .scan((range, row) -> scanned.incrementAndGet()));
                RewriteResult[] dry = new RewriteResult[1];
                TokenRangeScanner.Settings recastScan = scan.withMaxInFlight(inFlight);
                double drySeconds = time(() -> dry[0] = RewriteStep.run(session, ks, ks + "_snapshot", upcasters,
                        upcasters.manifests(), RewriteOptions.dryRun("bench"), recastScan, n -> { }));
                if (dryRunOnly) {
                    double scanRate = scanned.get() / scanSeconds;
                    double dryRate = dry[0].eventsRead() / drySeconds;
                    add(figures, "raw scan, events/s", scanRate);
                    add(figures, "dry run, events/s", dryRate);
                    add(figures, "dry run / raw scan (target >= 0.7)", dryRate / scanRate);
                    add(figures, "dry run: first pass, s", dry[0].contextPass().toNanos() / 1e9);
                    add(figures, "dry run: rewrite pass, s", dry[0].rewritePass().toNanos() / 1e9);
                    out.printf("  run %d: raw scan %.2f s (%,.0f/s), dry run %.2f s (%,.0f/s)%n", r, scanSeconds,
                            scanRate, drySeconds, dryRate);
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

    private int report(PrintStream out, Map<String, List<Double>> figures, SeedPlan plan) {
        long peakRss = peakRssKb();
        out.printf("%n%-52s %14s %14s %14s%n", "figure (medians of " + repeat + ")", "median", "min", "max");
        Map<String, Object> json = new LinkedHashMap<>();
        figures.forEach((name, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double median = sorted.get(sorted.size() / 2);
            out.printf("%-52s %,14.2f %,14.2f %,14.2f%n", name, median, sorted.get(0), sorted.get(sorted.size() - 1));
            json.put(name, Map.of("median", median, "min", sorted.get(0), "max", sorted.get(sorted.size() - 1),
                    "values", values));
        });
        out.printf("%-52s %,14d%n", "peak RSS of this JVM, MB", peakRss / 1024);
        json.put("peakRssMb", peakRss / 1024);
        json.put("events", plan.events());
        json.put("entities", plan.entities().size());
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
                    batch.addStatement(insert.bind(row.persistenceId() + "~" + copy, row.partitionNr(),
                            row.sequenceNr(), row.timestamp(), row.timebucket(), row.writerUuid(), row.serId(),
                            row.serManifest(), row.eventManifest(), ByteBuffer.wrap(row.event()), row.tags()));
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
