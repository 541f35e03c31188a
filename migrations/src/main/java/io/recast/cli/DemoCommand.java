package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.RunReport;
import io.recast.kg.seed.SeedPlan;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast demo}: the main job on local servers. It starts the servers that are not configured, writes a legacy
 * v1.0 journal through the real plugin into a keyspace of its own, prints what it holds, then dry-runs and runs the
 * v1.0 -> v1.1 migration plan (rewrite, reset and rebuild of the tag views, verification) exactly as
 * {@code recast migrate} does, prints its final report and the journal again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the demo end to end on local servers (started when none are configured).")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--events", defaultValue = "2000", description = "events to seed (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--entities", defaultValue = "200", description = "entities to seed (default ${DEFAULT-VALUE})")
    int entities;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--keyspace", defaultValue = "recast_demo",
            description = "the demo's own keyspace, dropped and written anew (default ${DEFAULT-VALUE})")
    String keyspace;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long started = System.nanoTime();
        RecastConfig config = root.config();
        out.println("== Recast demo");
        out.println("settings: " + config.describe());
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = endpoints.cassandra().withKeyspace(keyspace);
        out.println("cassandra:     " + cassandra.contactPoints().stream().map(p -> p.getHostString() + ":" + p.getPort()).toList());
        out.println("elasticsearch: " + endpoints.elasticsearch().url());
        out.println("sparql:        " + endpoints.sparql());

        out.println("\n== 1. a legacy v1.0 journal, written by the v1.0 service");
        try (ReadModels models = ReadModels.open(config, endpoints, keyspace)) {
            // the demo starts over: the read models of earlier demos go with their keyspace
            for (var view : models.views()) {
                for (int version = 1; version <= 50; version++) {
                    if (view.exists(view.targetOf(version))) {
                        view.discard(view.targetOf(version));
                    }
                }
            }
        }
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        }
        SeedCommand.seed(config, cassandra, SeedPlan.generate(events, entities, seed), 32, out);

        out.println("\n== 2. what the legacy journal holds, read back from " + keyspace + ".messages");
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            JournalSummary.read(session, keyspace, 1).print(out);
        }

        out.println("\n== 3. dry run of the v1.0 -> v1.1 migration (writes nothing anywhere)");
        MigrationLauncher.run(config, cassandra, new MigrationLauncher.Request("1.0", "1.1", "demo-dry-run", true,
                false, Optional.empty()), out);

        out.println("\n== 4. the migration: preflight, lock, backup and rewrite, reset and rebuild of the tag views,"
                + " replay into new versions of the read models and switch, verification, version record");
        RunReport report = MigrationLauncher.run(config, cassandra, new MigrationLauncher.Request("1.0", "1.1",
                MigrateCommand.defaultRunId("1.0", "1.1"), false, false, Optional.empty()), out);
        if (report.outcome() != RunReport.Outcome.MIGRATED || !report.clean()) {
            throw new IllegalStateException("the demo migration ended " + report.outcome()
                    + (report.clean() ? "" : " with events to look at"));
        }

        out.println("\n== 5. what the journal holds now");
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            JournalSummary.read(session, keyspace, 1).print(out);
        }
        out.println("\n== 6. what the read models serve");
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels models = ReadModels.open(config, endpoints, keyspace)) {
            out.println("serving: " + models.describeActive(session, keyspace));
            for (var finding : models.verification(session, keyspace,
                    io.recast.engine.upcast.UpcasterSets.load().find("1.0", "1.1").manifests()).verify()) {
                out.println((finding.clean() ? "  ok       " : "  DIFFERS  ") + finding);
            }
        }
        out.printf("%n== demo done in %.1f s. The local servers keep running: `./recast servers stop` stops them.%n",
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
