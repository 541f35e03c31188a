package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraNodeDisks;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalAtRestCheck;
import io.recast.adapters.cassandra.RecastTables;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.BackupSpaceCheck;
import io.recast.engine.plan.MigrationHistory;
import io.recast.engine.plan.MigrationRunner;
import io.recast.engine.plan.PreflightCheck;
import io.recast.engine.plan.RunReport;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.plan.VersionRecord;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.kg.KgActorSystem;
import io.recast.migrate.KnowledgeGraphMigration;
import io.recast.migrate.MigrationSetup;
import io.recast.migrate.PlanReport;
import io.recast.migrate.RewriteReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;

/**
 * Runs a journal migration plan the same way for {@code recast migrate} and for {@code recast run} with
 * {@code MIGRATE_V10_TO_V11=true}: history and lock in the journal's keyspace, the journal-at-rest preflight, a
 * journal without a recorded version taken to be at the migration's source version.
 */
final class MigrationLauncher {

    private MigrationLauncher() {
    }

    /** What to run. */
    record Request(String from, String to, String runId, boolean dryRun, boolean allowQuarantine,
                   Optional<Path> report) {
    }

    /**
     * The report of a run that stopped on {@code failure}, with the step runs of the current attempt (those since the
     * version was last recorded, as the runner counts them). A report that cannot be written is added to the failure
     * as suppressed and said, so that the failure itself still reaches the operator.
     */
    private static void writeFailureReport(Request request, MigrationHistory history, RuntimeException failure,
                                           KnowledgeGraphMigration.Planned planned, PrintStream out) {
        try {
            List<StepRecord> steps = List.of();
            Optional<String> unavailable = Optional.empty();
            try {
                Instant since = history.currentVersion().map(VersionRecord::recordedAt).orElse(Instant.MIN);
                steps = history.steps(request.from(), request.to()).stream()
                        .filter(record -> record.startedAt().isAfter(since)).toList();
            } catch (RuntimeException e) {
                unavailable = Optional.of("the step history could not be read: " + e.getMessage());
            }
            RewriteReport.write(PlanReport.failureJson(request.from(), request.to(), request.runId(),
                    request.dryRun(), failure, steps, unavailable, planned.rewriteResult().get()),
                    request.report().get());
            out.println("  report of the stopped run written to " + request.report().get());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            out.println("  (the report of the stopped run could not be written: " + e.getMessage() + ")");
        }
    }

    static RunReport run(RecastConfig config, CassandraSettings cassandra, Request request, PrintStream out) {
        UpcasterSet upcasters = UpcasterSets.load().find(request.from(), request.to());
        String keyspace = cassandra.keyspace();
        out.printf("%s %s -> %s of keyspace %s (upcasters %s, run %s)%n", request.dryRun() ? "dry run of" : "migrating",
                request.from(), request.to(), keyspace, upcasters.chain().checksum().substring(0, 12), request.runId());
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("recast-migrate",
                KgActorSystem.config(cassandra, config.firstTimeBucket()
                        .orElse(KgActorSystem.firstTimeBucketYesterday())));
        try (CqlSession session = CassandraSessions.open(cassandra);
             ReadModels readModels = request.dryRun() || config.views().isEmpty() ? ReadModels.none(config)
                     : ReadModels.open(config, new Endpoints(config, out), keyspace)) {
            MigrationSetup setup = new MigrationSetup(session, system, keyspace, upcasters,
                    RepairTagViewsCommand.repairOf(config, keyspace, request.runId() + "-tag-views",
                            config.tagViewBucketSize()),
                    TokenRangeScanner.Settings.defaults().withGiveUpAfter(config.cassandraGiveUpAfter()),
                    request.allowQuarantine(), out, readModels.isEmpty() ? Optional.empty()
                    : Optional.of(readModels.rebuild(session, keyspace, upcasters.manifests())),
                    readModels.isEmpty() ? Optional.empty()
                    : Optional.of(readModels.verification(session, keyspace, upcasters.manifests())),
                    config.rebuildsAtOnce());
            KnowledgeGraphMigration.Planned planned = KnowledgeGraphMigration.plan(setup);
            MigrationHistory history = request.dryRun() ? CassandraMigrationHistory.readOnly(session, keyspace)
                    : new CassandraMigrationHistory(session, keyspace);
            List<PreflightCheck> preflight = new ArrayList<>();
            if (!readModels.isEmpty()) {
                preflight.add(readModels.reachable());
            }
            if (config.backupSpaceCheck()) {
                preflight.add(new BackupSpaceCheck(new CassandraNodeDisks(session, keyspace,
                        RecastTables.messagesBackup(request.from()), config.statedFreeSpacePerNode()),
                        config.backupSpaceReserve(), "run df on the node's data directory and set"
                        + " recast.preflight.backup-space.free-per-node (RECAST_PREFLIGHT_FREE_PER_NODE) to the least"
                        + " free space of such nodes, e.g. 200GiB"));
            }
            if (!config.atRestWindow().isZero()) {
                preflight.add(new JournalAtRestCheck(session, keyspace, config.atRestWindow()));
            }
            MigrationRunner runner = new MigrationRunner(history,
                    () -> LeaseLocks.acquire(session, keyspace, config.lockLease(), config.lockWait(), out),
                    preflight, Clock.systemUTC());
            RunReport report;
            try {
                report = runner.run(planned.plan(), request.runId(), request.dryRun(),
                        Optional.of(request.from()), line -> out.println(line));
            } catch (RuntimeException e) {
                if (request.report().isPresent()) {
                    writeFailureReport(request, history, e, planned, out);
                }
                throw e;
            }
            PlanReport.print(report, out);
            if (request.report().isPresent()) {
                RewriteReport.write(PlanReport.json(report, planned.rewriteResult().get()), request.report().get());
                out.println("  report written to " + request.report().get());
            }
            return report;
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                out.println("  (the actor system did not stop cleanly: " + e.getMessage() + ")");
            }
        }
    }
}
