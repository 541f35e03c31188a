package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import io.recast.config.RecastConfig;
import io.recast.kg.KgActorSystem;
import io.recast.migrate.TagViewRepair;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast repair-tag-views}: truncates tag_views, tag_write_progress and tag_scanning and rebuilds them from
 * messages, as the plugin writes them, with the tag view projections; first clears the offsets of the service's
 * projections named by {@code recast.reset.projections}. A killed repair started again with the same run id resumes
 * from the projections' offsets. Run it with the service stopped.
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

    @Option(names = "--bucket-size",
            description = "the plugin's events-by-tag.bucket-size: Day, Hour, Minute (default: recast.tag-views.bucket-size)")
    String bucketSize;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        CassandraSettings cassandra = new Endpoints(config, out).cassandra();
        if (keyspace != null) {
            cassandra = cassandra.withKeyspace(keyspace);
        }
        TagViewRepair repair = repairOf(config, cassandra.keyspace(), runId,
                Optional.ofNullable(bucketSize).orElse(config.tagViewBucketSize()));
        TagViewRebuild.Result result = run(config, cassandra, repair, out);
        return result.irregularPersistenceIdCount() == 0 ? 0 : MigrateCommand.QUARANTINED;
    }

    /** The repair the configuration describes. */
    static TagViewRepair repairOf(RecastConfig config, String keyspace, String runId, String bucketSize) {
        String offsetKeyspace = config.offsetStoreKeyspace().equals(config.cassandraKeyspace()) ? keyspace
                : config.offsetStoreKeyspace();
        return new TagViewRepair(keyspace, runId, TimeBucketSize.fromSetting(bucketSize),
                config.tagViewParallelism(), ProjectionOffsets.Tables.in(offsetKeyspace), config.projectionsToReset());
    }

    /** Runs a repair in an actor system of its own. */
    static TagViewRebuild.Result run(RecastConfig config, CassandraSettings cassandra, TagViewRepair repair,
                                     PrintStream out) {
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("recast-repair-tag-views",
                KgActorSystem.config(cassandra, config.firstTimeBucket()
                        .orElse(KgActorSystem.firstTimeBucketYesterday())));
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            return repair.run(session, system, out);
        } finally {
            system.terminate();
        }
    }
}
