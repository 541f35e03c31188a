package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.config.RecastConfig;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.migrate.RewriteReport;
import io.recast.migrate.RewriteStep;
import io.recast.kg.seed.SeedPlan;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast demo}: the main job on local servers. It starts the servers that are not configured, writes a legacy
 * v1.0 journal through the real plugin into a keyspace of its own, prints what it holds, then dry-runs and runs the
 * v1.0 -> v1.1 rewrite and prints the journal again.
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

    private RewriteResult rewrite(CqlSession session, UpcasterSet upcasters, RewriteOptions options) {
        return RewriteStep.run(session, keyspace, keyspace + "_snapshot", upcasters, upcasters.manifests(), options,
                TokenRangeScanner.Settings.defaults(), done -> { });
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long started = System.nanoTime();
        RecastConfig config = root.config();
        out.println("== Recast demo");
        out.println("settings: " + config.describe());
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = SeedCommand.withKeyspace(endpoints.cassandra(), keyspace);
        out.println("cassandra:     " + cassandra.contactPoints().stream().map(p -> p.getHostString() + ":" + p.getPort()).toList());
        out.println("elasticsearch: " + endpoints.elasticsearch().url());
        out.println("sparql:        " + endpoints.sparql());

        out.println("\n== 1. a legacy v1.0 journal, written by the v1.0 service");
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        }
        SeedCommand.seed(config, cassandra, SeedPlan.generate(events, entities, seed), 32, out);

        out.println("\n== 2. what the legacy journal holds, read back from " + keyspace + ".messages");
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            JournalSummary.read(session, keyspace, 1).print(out);

            UpcasterSet upcasters = UpcasterSets.load().find("1.0", "1.1");
            out.println("\n== 3. dry run of the v1.0 -> v1.1 rewrite (writes nothing)");
            RewriteReport.print(rewrite(session, upcasters, RewriteOptions.dryRun("demo")), out);

            out.println("\n== 4. the rewrite: backup, upcast, renumber ids with drops and splits");
            RewriteResult result = rewrite(session, upcasters, RewriteOptions.run("demo-" + System.currentTimeMillis()));
            RewriteReport.print(result, out);
            if (!result.clean()) {
                throw new IllegalStateException(result.quarantined() + " events were quarantined in the demo");
            }

            out.println("\n== 5. what the journal holds now");
            JournalSummary.read(session, keyspace, 1).print(out);

        }
        out.println("\n== 6. tag views rebuilt from messages (truncate, rebuild as the plugin writes them, by Pekko"
                + " projections over the token ranges)");
        RepairTagViewsCommand.run(config, cassandra, RepairTagViewsCommand.repairOf(config, keyspace,
                "demo-tag-views", "Hour"), out);
        out.printf("%n== demo done in %.1f s. The local servers keep running: `./recast servers stop` stops them.%n",
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
