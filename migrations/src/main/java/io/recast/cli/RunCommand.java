package io.recast.cli;

import java.time.Duration;
import java.time.Clock;
import io.recast.adapters.cassandra.CassandraReindexJobs;
import io.recast.status.StatusServer;
import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.RunReport;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.projections.views.LiveViewProjection;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast run}: the long-running service. Before it serves, it does the startup work its flags ask for:
 * with {@code MIGRATE_V10_TO_V11=true} it runs the 1.0 -> 1.1 migration exactly as {@code recast migrate} does (and
 * nothing once the version 1.1 is recorded); with {@code REPAIR_FROM_MESSAGES=true} ({@code recast.startup.repair-from-messages}) it clears the configured
 * projections' offsets and rebuilds the tag views from {@code messages}, as {@code recast repair-tag-views} does
 * (a killed start resumes the repair). Then it starts the v1.1 service's actor system on the journal, with the live
 * projections that keep the read models serving ({@code recast.views}) up to date from {@code eventsByTag}, and runs
 * until stopped (SIGTERM or Ctrl-C).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service; first the startup work its flags ask for.",
                "MIGRATE_V10_TO_V11=true: migrate the journal from 1.0 to 1.1 first (a no-op once done).",
                "REPAIR_FROM_MESSAGES=true: rebuild the tag views from messages before serving."})
final class RunCommand implements Callable<Integer> {

    /** The run id of the startup repair: the same for every start, so a killed start resumes it. */
    static final String STARTUP_REPAIR_RUN_ID = "startup-repair";

    @ParentCommand
    RecastCli root;

    @Option(names = "--exit-after-startup", description = "stop once the startup work is done and the service is up"
            + " (for scripts and checks)")
    boolean exitAfterStartup;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        CassandraSettings cassandra = new Endpoints(config, out).cassandra();
        if (config.migrateV10ToV11()) {
            out.println("MIGRATE_V10_TO_V11 is set: migrating the journal of " + cassandra.keyspace()
                    + " from 1.0 to 1.1 before serving");
            RunReport[] report = new RunReport[1];
            int exit = MigrateCommand.exitCode(() -> report[0] = MigrationLauncher.run(config, cassandra,
                    new MigrationLauncher.Request("1.0", "1.1", MigrateCommand.defaultRunId("1.0", "1.1"), false,
                            false, Optional.empty()), out), false, out);
            if (exit != 0) {
                out.println("not serving: the migration did not finish (exit " + exit + ")");
                return exit;
            }
            out.println(report[0].outcome() == RunReport.Outcome.ALREADY_AT_TARGET
                    ? "The journal is at version 1.1: MIGRATE_V10_TO_V11 has nothing to do and can be removed."
                    : "The journal is migrated to 1.1. MIGRATE_V10_TO_V11 can be removed (left set, it does nothing).");
        }
        if (config.repairFromMessages()) {
            out.println("REPAIR_FROM_MESSAGES is set: rebuilding the tag views of " + cassandra.keyspace()
                    + " from messages before serving");
            RepairTagViewsCommand.run(config, cassandra, RepairTagViewsCommand.repairOf(config,
                    cassandra.keyspace(), STARTUP_REPAIR_RUN_ID, config.tagViewBucketSize()), out);
            out.println("The tag views are repaired. Remove REPAIR_FROM_MESSAGES: while it is set, every start"
                    + " rebuilds them again.");
        }
        ActorSystem<SpawnProtocol.Command> service = KgActorSystem.start("recast-service",
                KgActorSystem.config(cassandra, config.firstTimeBucket()
                        .orElse(KgActorSystem.firstTimeBucketYesterday())));
        ReadModels readModels = config.views().isEmpty() ? ReadModels.none(config)
                : ReadModels.open(config, new Endpoints(config, out), cassandra.keyspace());
        CqlSession session = CassandraSessions.open(cassandra);
        List<LiveViewProjection> live = readModels.isEmpty() ? List.of()
                : readModels.live(session, cassandra.keyspace(), UpcasterSets.load().find("1.0", "1.1").manifests());
        for (LiveViewProjection projection : live) {
            projection.start(service);
            out.println("live projections: " + projection.projectionName() + " follows eventsByTag");
        }
        if (!live.isEmpty()) {
            out.println("live projections write into the versions that serve (they follow a switch made by"
                    + " `recast reindex`): " + readModels.describeActive(session, cassandra.keyspace()));
        } else if (!readModels.isEmpty()) {
            out.println("live projections: not started, no version of the read models serves yet (run the migration"
                    + " or `recast reindex` first)");
        }
        Optional<StatusServer> status = statusPage(config, service, session, cassandra.keyspace(), out);
        Runnable stop = () -> {
            status.ifPresent(StatusServer::close);
            live.forEach(LiveViewProjection::stop);
            service.terminate();
            readModels.close();
            session.close();
        };
        out.println("serving: the v1.1 service is up on journal keyspace " + cassandra.keyspace()
                + (exitAfterStartup ? "; stopping (--exit-after-startup)" : "; stop it with SIGTERM or Ctrl-C"));
        if (exitAfterStartup) {
            stop.run();
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "recast-service-stop"));
        }
        service.getWhenTerminated().toCompletableFuture().get(exitAfterStartup ? 60 : Long.MAX_VALUE,
                TimeUnit.SECONDS);
        return 0;
    }

    /** The status page of the reindexing jobs, unless {@code recast.status.port} is -1 or its port is taken. */
    private static Optional<StatusServer> statusPage(RecastConfig config, ActorSystem<?> service, CqlSession session,
                                                     String keyspace, PrintStream out) {
        if (config.statusPort() < 0) {
            return Optional.empty();
        }
        CassandraReindexJobs jobs = new CassandraReindexJobs(session, keyspace);
        try {
            StatusServer server = StatusServer.start(service, config.statusHost(), config.statusPort(), jobs::list,
                    Duration.ofSeconds(1), Clock.systemUTC());
            out.println("status page: " + server.url() + " (reindexing jobs; JSON at " + server.url() + "api/jobs)");
            return Optional.of(server);
        } catch (IllegalStateException e) {
            out.println("status page: not served. " + e.getMessage());
            return Optional.empty();
        }
    }
}
