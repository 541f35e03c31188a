package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.config.ClusterSettings;
import io.recast.config.RecastConfig;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.kg.views.KgEntityViewProjector;
import io.recast.engine.event.CachingManifestCodec;
import io.recast.projections.ClusterSlices;
import io.recast.projections.views.SharedViewReplay;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recast worker}: a node of the Pekko cluster ({@code recast.cluster}) that takes a share of the replays that
 * other nodes start ({@code recast reindex} with the cluster enabled): it watches the shared runs, joins each one that
 * runs (its token-range slices are Pekko sharded daemons, so the cluster gives this node some of them) and leaves it
 * when it is held or ended. Runs until stopped (or, with {@code --once}, until the first run it joined ends).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Joins the Pekko cluster (recast.cluster) and takes a share of the replays other nodes start.",
                "Stop it with Ctrl-C or SIGTERM; SIGKILL is safe too: its slices move to the other nodes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (or, with --once, the run it joined ended)", "1:failure", "2:bad usage"})
final class WorkerCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @picocli.CommandLine.ParentCommand
    RecastCli root;

    @Option(names = "--once", description = "exit once the first run this node joined has ended")
    boolean once;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        if (!config.clusterEnabled()) {
            throw new IllegalArgumentException("recast worker needs the cluster: set recast.cluster.enabled = true"
                    + " (RECAST_CLUSTER=true), recast.cluster.port and the seed nodes (RECAST_CLUSTER_SEED_NODES)");
        }
        ClusterSettings cluster = config.cluster();
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = endpoints.cassandra();
        ActorSystem<SpawnProtocol.Command> system = null;
        Map<String, AutoCloseable> joined = new HashMap<>();
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels models = ReadModels.open(config, endpoints, cassandra.keyspace())) {
            SharedRangeRuns runs = new SharedRangeRuns(session, cassandra.keyspace());
            ManifestCodec manifests = CachingManifestCodec.of(UpcasterSets.load().find("1.0", "1.1").manifests());
            TokenRangeScanner scanner = new TokenRangeScanner(session, cassandra.keyspace());
            ProjectionOffsets offsets = new ProjectionOffsets(session, ProjectionOffsets.Tables.in(cassandra.keyspace()));
            system = KgActorSystem.start(ClusterSettings.SYSTEM_NAME, cluster.pekkoConfig().withFallback(
                    KgActorSystem.config(cassandra, config.firstTimeBucket()
                            .orElse(KgActorSystem.firstTimeBucketYesterday()))));
            String node = ClusterSlices.nodeOf(system);
            out.println("worker " + node + ": joining the cluster through " + String.join(", ", cluster.seedNodes())
                    + "; waiting for replays to share");
            Set<String> ended = new HashSet<>();
            while (true) {
                Map<String, SharedRangeRuns.Run> running = new HashMap<>();
                for (SharedRangeRuns.Run run : runs.running()) {
                    if (run.state() == SharedRangeRuns.State.RUNNING && run.kind().equals(SharedViewReplay.KIND)) {
                        running.put(run.name(), run);
                    }
                }
                for (SharedRangeRuns.Run run : running.values()) {
                    if (!joined.containsKey(run.name())) {
                        try {
                            joined.put(run.name(), SharedViewReplay.join(system, run,
                                    new SharedViewReplay.Cluster(runs, cluster.minNodes()), models.views(),
                                    new KgEntityViewProjector(), scanner, manifests, offsets,
                                    failure -> out.println("worker " + node + ": " + failure.getMessage()
                                            + " (the slice retries it)")));
                            out.println("worker " + node + ": joined " + run.name() + " (" + run.slices()
                                    + " slices over " + run.rangeCount() + " token ranges, writing "
                                    + SharedViewReplay.Work.fromText(run.work()).targets().values() + ")");
                        } catch (RuntimeException e) {
                            out.println("worker " + node + ": cannot join " + run.name() + ": " + e.getMessage());
                        }
                    }
                }
                for (String name : Set.copyOf(joined.keySet())) {
                    if (!running.containsKey(name)) {
                        joined.remove(name).close();
                        ended.add(name);
                        out.println("worker " + node + ": left " + name + " ("
                                + runs.find(name).map(run -> run.state().name().toLowerCase()).orElse("gone") + ")");
                    }
                }
                if (once && !ended.isEmpty() && joined.isEmpty()) {
                    return 0;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            for (AutoCloseable handle : joined.values()) {
                handle.close();
            }
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
