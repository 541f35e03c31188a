package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraReindexJobs;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.config.ClusterSettings;
import io.recast.config.RecastConfig;
import io.recast.projections.ClusterSlices;
import io.recast.projections.views.SharedViewReplay;
import io.recast.engine.jobs.JobState;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.projections.views.VersionedView;
import io.recast.projections.views.ViewRebuild;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast reindex elasticsearch|rdf}: rebuilds one read model from the journal into a new version while the
 * one that serves keeps serving and the service keeps writing, as a persistent job ({@code recast jobs}); catches up
 * with the live stream through its offsets, switches (the Elasticsearch alias atomically; the Blazegraph namespace
 * recorded as active), catches up once more for what the service wrote into the old version just before the switch,
 * and keeps the old version until {@code recast cleanup}. Runs in the foreground; a killed job resumes from its
 * offsets with {@code --resume ID} or by running the same reindex again.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = {"Rebuilds one read model into a new version while the old one serves, then switches.",
                "The job is recorded (`recast jobs list`); a killed one resumes with --resume ID or by running the"
                        + " same reindex again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the new version serves", "1:failure (the message says what to do; --resume goes on)",
                "2:bad usage", "4:refused before any change (another process runs the job, a cancelled job)",
                "6:the job was cancelled (`recast jobs cancel`)"})
final class ReindexCommand implements Callable<Integer> {

    static final int REFUSED = 4;
    static final int CANCELLED = 6;

    @ParentCommand
    RecastCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "READ_MODEL",
            description = "elasticsearch or rdf (may be left out with --resume)")
    String kind;

    @Option(names = "--max-rate", paramLabel = "EVENTS_PER_S",
            description = "at most this many journal events per second in the replay (protects the live cluster)")
    Double maxRate;

    @Option(names = "--resume", paramLabel = "ID", description = "resume this job (`recast jobs list` shows them)")
    String resumeId;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        Endpoints endpoints = new Endpoints(config, out);
        CassandraSettings cassandra = endpoints.cassandra();
        if (maxRate != null && !(maxRate > 0)) {
            throw new IllegalArgumentException("--max-rate must be a positive number of events per second, was "
                    + maxRate);
        }
        ActorSystem<SpawnProtocol.Command> system = null;
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels models = ReadModels.open(config, endpoints, cassandra.keyspace())) {
            CassandraReindexJobs jobs = new CassandraReindexJobs(session, cassandra.keyspace());
            Optional<String> view = Optional.ofNullable(kind).map(models::view).map(VersionedView::view);
            ReindexStart.Choice choice;
            try {
                choice = ReindexStart.choose(jobs, view, Optional.ofNullable(resumeId),
                        maxRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxRate),
                        Clock.systemUTC().instant());
            } catch (ReindexStart.Refused refused) {
                out.println("refused: " + refused.getMessage());
                return REFUSED;
            }
            out.println("reindex: " + choice.said());
            if (choice.job().state() == JobState.DONE) {
                return 0;
            }
            VersionedView rebuilt = models.view(ReindexStart.kindOf(choice.job().view()));
            ViewRebuild rebuild = models.rebuild(session, cassandra.keyspace(),
                    UpcasterSets.load().find("1.0", "1.1").manifests(), List.of(rebuilt));
            com.typesafe.config.Config pekko = KgActorSystem.config(cassandra, config.firstTimeBucket()
                    .orElse(KgActorSystem.firstTimeBucketYesterday()));
            if (config.clusterEnabled()) {
                ClusterSettings cluster = config.cluster();
                rebuild = rebuild.sharedWith(new SharedViewReplay.Cluster(
                        new SharedRangeRuns(session, cassandra.keyspace()), cluster.minNodes()));
                system = KgActorSystem.start(ClusterSettings.SYSTEM_NAME, cluster.pekkoConfig().withFallback(pekko));
                out.println("reindex: node " + ClusterSlices.nodeOf(system) + " of the cluster (seed nodes "
                        + String.join(", ", cluster.seedNodes()) + "); the replay's slices are shared with the"
                        + " nodes that run `recast worker`, once " + cluster.minNodes() + " members are up");
            } else {
                system = KgActorSystem.start("recast-reindex", pekko);
            }
            CassandraViewVersions versions = new CassandraViewVersions(session, cassandra.keyspace());
            String before = versions.active(rebuilt.view()).map(v -> v.target()).orElse("");
            ReindexJobRun.Outcome outcome = new ReindexJobRun(jobs, versions, Clock.systemUTC(), out,
                    config.clusterEnabled() ? config.cluster().minNodes() : 1)
                    .run(choice.job(), rebuild, system);
            if (outcome.ending() == ReindexJobRun.Ending.CANCELLED) {
                return CANCELLED;
            }
            report(outcome, before, out);
            return 0;
        } finally {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void report(ReindexJobRun.Outcome outcome, String before, PrintStream out) {
        ViewRebuild.Result result = outcome.rebuild().orElseThrow();
        var replay = result.replay();
        out.printf("job %s done: %s serves from %s (version %d)%n", outcome.job().id(), outcome.job().view(),
                outcome.job().target(), outcome.job().targetVersion());
        out.printf("  replay: %d events in %.1f s (%.0f events/s%s), %d ranges resumed past, %d rejected%n",
                replay.rows(), replay.duration().toMillis() / 1000.0, replay.eventsPerSecond(),
                outcome.job().maxRate().stream().mapToObj(rate -> ", limit " + Math.round(rate)).findFirst()
                        .orElse(""), replay.rangesResumedPast(), replay.counts().rejections().size());
        replay.sharing().ifPresent(sharing -> out.println("  shared over the cluster: " + sharing));
        out.printf("  catch-up: %d entities written again from eventsByTag (before and after the switch)%n",
                result.catchUp().entities());
        out.println(before.isEmpty() || before.equals(outcome.job().target())
                ? "  nothing served before this version"
                : "  " + before + " is kept for rollback until `recast cleanup`");
    }
}
