package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraRewriteStore;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRollback;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.VersionRecord;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code recast rollback --to 1.0}: restores the journal, byte for byte, from the backup that the rewrite made. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Restores messages as it was before the rewrite from a version, from its backup.")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--to", required = true, description = "the version to go back to, e.g. 1.0")
    String to;

    @Option(names = "--from", defaultValue = "1.1", description = "the version migrated to (default ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--keyspace", description = "journal keyspace (default: recast.cassandra.keyspace)")
    String keyspace;

    @Option(names = "--no-tag-views", description = "leave the tag views as they are (rebuild them later with"
            + " repair-tag-views)")
    boolean noTagViews;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        CassandraSettings cassandra = new Endpoints(config, out).cassandra();
        if (keyspace != null) {
            cassandra = cassandra.withKeyspace(keyspace);
        }
        String ks = cassandra.keyspace();
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            JournalRollback.Result result = new JournalRollback(session, ks, ks + "_snapshot", to).run();
            new CassandraRewriteStore(session, ks).forget(MigrateCommand.defaultRunId(to, from));
            // the journal is at the source version again: a new migration is a new attempt, all its steps run
            new CassandraMigrationHistory(session, ks).recordVersion(new VersionRecord(to, from, "rollback",
                    "rollback-" + from + "-" + to, Instant.now()));
            out.printf("rolled back %s.messages to %s: %,d rows of %,d persistence ids restored (%,d renumbered ids "
                    + "replaced whole, %,d snapshots restored)%n", ks, to, result.rowsRestored(), result.persistenceIds(),
                    result.renumberedIds(), result.snapshotsRestored());
            if (!noTagViews) {
                out.println("the tag views of " + ks + " described the rewritten journal: rebuilding them");
                RepairTagViewsCommand.run(config, cassandra, RepairTagViewsCommand.repairOf(config, ks,
                        "rollback-tag-views", config.tagViewBucketSize()), out);
            }
            out.println("journal version " + to + " recorded");
            return 0;
        }
    }
}
