package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraRewriteStore;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRollback;
import java.io.PrintStream;
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

    @Override
    public Integer call() {
        PrintStream out = System.out;
        CassandraSettings cassandra = new Endpoints(root.config(), out).cassandra();
        String ks = keyspace != null ? keyspace : cassandra.keyspace();
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            JournalRollback.Result result = new JournalRollback(session, ks, ks + "_snapshot", to).run();
            new CassandraRewriteStore(session, ks).forget(MigrateCommand.defaultRunId(to, from));
            out.printf("rolled back %s.messages to %s: %,d rows of %,d persistence ids restored (%,d renumbered ids "
                    + "replaced whole, %,d snapshots restored)%n", ks, to, result.rowsRestored(), result.persistenceIds(),
                    result.renumberedIds(), result.snapshotsRestored());
            return 0;
        }
    }
}
