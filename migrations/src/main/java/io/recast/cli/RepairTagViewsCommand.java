package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast repair-tag-views}: truncates tag_views, tag_write_progress and tag_scanning and rebuilds them from
 * messages, as the plugin writes them. A killed repair started again resumes from its checkpoints. Run it with the
 * service stopped.
 */
@Command(name = "repair-tag-views", mixinStandardHelpOptions = true,
        description = "Rebuilds the plugin's tag views from messages (truncate, then rebuild; resumable).")
final class RepairTagViewsCommand implements Callable<Integer> {

    @ParentCommand
    RecastCli root;

    @Option(names = "--keyspace", description = "journal keyspace (default: recast.cassandra.keyspace)")
    String keyspace;

    @Option(names = "--run-id", defaultValue = "repair-tag-views", description = "names the run; the same id resumes it")
    String runId;

    @Option(names = "--bucket-size", defaultValue = "Hour",
            description = "the plugin's events-by-tag.bucket-size: Day, Hour, Minute (default ${DEFAULT-VALUE})")
    String bucketSize;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        CassandraSettings cassandra = new Endpoints(root.config(), out).cassandra();
        String ks = keyspace != null ? keyspace : cassandra.keyspace();
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            TagViewRebuild.Result result = repair(session, ks, runId, TimeBucketSize.fromSetting(bucketSize), out);
            return result.irregularPersistenceIdCount() == 0 ? 0 : MigrateCommand.QUARANTINED;
        }
    }

    /** Truncates (unless resuming), rebuilds, prints, and forgets the checkpoints of a finished repair. */
    static TagViewRebuild.Result repair(CqlSession session, String keyspace, String runId, TimeBucketSize bucketSize,
                                        PrintStream out) {
        TagViewRebuild rebuild = new TagViewRebuild(session, TagViewRebuild.Settings.defaults(keyspace, runId)
                .withBucketSize(bucketSize));
        if (rebuild.completedRanges().isEmpty()) {
            TagViewReset.Result reset = new TagViewReset(session, keyspace).reset();
            out.println("  truncated " + reset.tablesTruncated() + " of " + keyspace);
        } else {
            out.println("  resuming: " + rebuild.completedRanges().size() + " token ranges already rebuilt");
        }
        TagViewRebuild.Result result = rebuild.run();
        out.printf("  tag views rebuilt: %,d events of %,d persistence ids read, %,d tag rows in %,d batches, %,d progress"
                + " rows, %d tags, in %.1f s (%,.0f events/s)%n", result.eventsRead(), result.persistenceIds(),
                result.tagRowsWritten(), result.batchesWritten(), result.progressRowsWritten(), result.tags().size(),
                result.duration().toMillis() / 1000.0,
                result.eventsRead() / Math.max(1e-3, result.duration().toMillis() / 1000.0));
        if (result.irregularPersistenceIdCount() > 0) {
            out.println("  irregular persistence ids (repeated sequence numbers or timestamps going back): "
                    + result.irregularPersistenceIds());
        }
        rebuild.forgetCheckpoints();
        return result;
    }
}
