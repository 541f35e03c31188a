package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteResult;
import io.recast.engine.upcast.UpcasterSet;
import io.recast.engine.upcast.UpcasterSets;
import io.recast.migrate.RewriteReport;
import io.recast.migrate.RewriteStep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast migrate --from 1.0 --to 1.1}: rewrites the journal with the upcasters registered for that step
 * (backup first, resumable, all or nothing per persistence id, bad events quarantined).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Rewrites the journal from one schema version to the next with its upcasters.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, nothing quarantined", "1:failure (the message says what to do)", "2:bad usage",
                "3:done, but events were quarantined (see the report; --allow-quarantine makes this 0)"})
final class MigrateCommand implements Callable<Integer> {

    static final int QUARANTINED = 3;

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

    @Override
    public Integer call() {
        PrintStream out = System.out;
        UpcasterSet upcasters = UpcasterSets.load().find(from, to);
        CassandraSettings cassandra = new Endpoints(root.config(), out).cassandra();
        String ks = keyspace != null ? keyspace : cassandra.keyspace();
        String run = runId != null ? runId : defaultRunId(from, to);
        out.printf("%s %s -> %s of keyspace %s (upcasters %s, run %s)%n", dryRun ? "dry run of" : "rewriting",
                from, to, ks, upcasters.chain().checksum().substring(0, 12), run);
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            RewriteResult result = RewriteStep.run(session, ks, ks + "_snapshot", upcasters, upcasters.manifests(),
                    dryRun ? RewriteOptions.dryRun(run) : RewriteOptions.run(run),
                    TokenRangeScanner.Settings.defaults(), Progress.every(out, 100_000));
            RewriteReport.print(result, out);
            if (report != null) {
                RewriteReport.write(RewriteReport.json(result), report);
                out.println("  report written to " + report);
            }
            if (!result.clean() && !allowQuarantine) {
                out.println("  " + result.quarantined() + " events were quarantined (left unchanged, listed above and in "
                        + ks + ".recast_quarantine): fix them or their upcasters and run again, or pass --allow-quarantine.");
                return QUARANTINED;
            }
            return 0;
        }
    }

    static String defaultRunId(String from, String to) {
        return "migrate-" + from + "-" + to;
    }
}
