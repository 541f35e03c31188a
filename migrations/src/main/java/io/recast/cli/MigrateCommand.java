package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.config.RecastConfig;
import io.recast.engine.plan.MigrationRefusedException;
import io.recast.engine.plan.RunReport;
import io.recast.migrate.QuarantinedEventsException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast migrate --from 1.0 --to 1.1}: runs the migration plan: preflight, lock, the journal rewrite with the
 * upcasters registered for that step (backup first, all or nothing per persistence id, bad events quarantined), the
 * reset of offsets and tag views, their rebuild, verification, the version record. A killed run started again
 * resumes at its step; a run on a journal at the target version does nothing.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrates the journal from one schema version to the next: rewrite, reset, rebuild, verify.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, nothing quarantined", "1:failure (the message says what to do)", "2:bad usage",
                "3:stopped after the rewrite: events were quarantined (see the report; --allow-quarantine goes on)",
                "4:refused before changing anything (another version, a changed upcaster set, the journal not at"
                        + " rest, the lock held by another runner): the message says what to do"})
final class MigrateCommand implements Callable<Integer> {

    static final int QUARANTINED = 3;
    static final int REFUSED = 4;

    @ParentCommand
    RecastCli root;

    @Option(names = "--from", required = true, description = "the journal's current version, e.g. 1.0")
    String from;

    @Option(names = "--to", required = true, description = "the target version, e.g. 1.1")
    String to;

    @Option(names = "--dry-run", description = "read and upcast everything, write nothing anywhere, report")
    boolean dryRun;

    @Option(names = "--allow-quarantine", description = "exit 0 even when events were quarantined")
    boolean allowQuarantine;

    @Option(names = "--run-id", description = "names the run; the same id resumes it (default migrate-FROM-TO)")
    String runId;

    @Option(names = "--keyspace", description = "journal keyspace (default: recast.cassandra.keyspace)")
    String keyspace;

    @Option(names = "--report", paramLabel = "FILE", description = "also write the report as JSON")
    Path report;

    @Option(names = "--force-unlock", description = "free the migration lock first, whoever holds it (a runner that"
            + " still runs then stops at its next heartbeat); normally a dead runner's lock expires by itself")
    boolean forceUnlock;

    @Option(names = "--yes", description = "do not ask for a confirmation on a terminal (scripts, CI and containers,"
            + " which have no terminal, are never asked)")
    boolean yes;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RecastConfig config = root.config();
        if (!dryRun && !yes && System.console() != null) {
            String answer = System.console().readLine("Migrate the journal of %s from %s to %s? It rewrites messages"
                    + " (after a backup), rebuilds the tag views and the read models. [y/N] ",
                    keyspace != null ? keyspace : config.cassandraKeyspace(), from, to);
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
                out.println("not migrated: not confirmed (--yes skips the question)");
                return REFUSED;
            }
        }
        CassandraSettings cassandra = new Endpoints(config, out).cassandra();
        if (keyspace != null) {
            cassandra = cassandra.withKeyspace(keyspace);
        }
        if (forceUnlock) {
            try (CqlSession session = CassandraSessions.open(cassandra)) {
                out.println("WARNING: --force-unlock frees the migration lock of " + cassandra.keyspace()
                        + " whoever holds it: " + LeaseLocks.forceUnlock(session, cassandra.keyspace()));
            }
        }
        CassandraSettings target = cassandra;
        return exitCode(() -> MigrationLauncher.run(config, target, new MigrationLauncher.Request(from, to,
                runId != null ? runId : defaultRunId(from, to), dryRun, allowQuarantine, Optional.ofNullable(report)),
                out), dryRun, out);
    }

    /** What a migration that stopped on a failure prints before the failure itself. */
    static final String RESUME_HINT = "The migration stopped on the failure below. Nothing stored is lost and every"
            + " step it finished is recorded: once the cause is fixed, run the same command again and it goes on from"
            + " where it stopped (`recast status` lists the steps).";

    /**
     * The exit code of a migration: 0 done (or nothing to do), 3 quarantined events, 4 refused. Any other failure is
     * thrown on (exit code 1), after a line that says how to resume unless it was a dry run (which records nothing).
     */
    static int exitCode(java.util.function.Supplier<RunReport> migration, boolean dryRun, PrintStream out) {
        try {
            migration.get();
            return 0;
        } catch (QuarantinedEventsException e) {
            out.println("  " + e.getMessage());
            return QUARANTINED;
        } catch (MigrationRefusedException e) {
            out.println(e.getMessage());
            return REFUSED;
        } catch (RuntimeException e) {
            if (!dryRun) {
                out.println(RESUME_HINT);
            }
            throw e;
        }
    }

    static String defaultRunId(String from, String to) {
        return "migrate-" + from + "-" + to;
    }
}
