package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.engine.plan.MigrationHistory;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.plan.VersionRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code recast status}: the journal's recorded version, the steps of the migration to it, and the lock's holder. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the journal's recorded version, the migration's steps and who holds the lock.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--keyspace", description = "journal keyspace (default: recast.cassandra.keyspace)")
    String keyspace;

    @Option(names = "--from", defaultValue = "1.0", description = "the migration's source version (default ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--to", defaultValue = "1.1", description = "its target version (default ${DEFAULT-VALUE})")
    String to;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        CassandraSettings cassandra = new Endpoints(root.config(), out).cassandra();
        if (keyspace != null) {
            cassandra = cassandra.withKeyspace(keyspace);
        }
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            MigrationHistory history = CassandraMigrationHistory.readOnly(session, cassandra.keyspace());
            Optional<VersionRecord> version = history.currentVersion();
            out.println("journal " + cassandra.keyspace() + ": " + version.map(v -> "version " + v.version()
                    + " (recorded " + v.recordedAt() + " by " + v.runId() + ", from " + v.from() + ")")
                    .orElse("no version recorded (a journal Recast never migrated)"));
            List<StepRecord> steps = history.steps(from, to);
            if (steps.isEmpty()) {
                out.println("migration " + from + " -> " + to + ": never run");
            } else {
                out.println("migration " + from + " -> " + to + ", step runs (oldest first):");
                for (StepRecord step : steps) {
                    out.printf("  %-24s %-28s %-10s %s -> %s  %s%n", step.runId(), step.step(), step.outcome(),
                            step.startedAt(), step.finishedAt().map(Object::toString).orElse("(running or died)"),
                            step.counts().isEmpty() ? step.message() : step.counts());
                }
            }
            out.println("lock: " + LeaseLocks.describeHolder(session, cassandra.keyspace()));
            return 0;
        }
    }
}
