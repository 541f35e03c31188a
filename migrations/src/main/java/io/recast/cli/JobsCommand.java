package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraReindexJobs;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.engine.jobs.JobAction;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.JobTransition;
import io.recast.engine.jobs.ReindexJob;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code recast jobs list|pause|resume|cancel}: the reindexing jobs recorded in the journal's keyspace, and the
 * operator's say over them. The process that runs a job reads its state every second: a pause stops its replay with
 * the offsets kept, a resume lets it go on, a cancel gives it up (its version is retired, dropped by the next
 * cleanup). A job whose process was killed is resumed with {@code recast reindex --resume ID}.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists the reindexing jobs and pauses, resumes or cancels one.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (the job is not in a state that allows it; the message says why)",
                "2:bad usage"})
final class JobsCommand {

    static final int REFUSED = 1;

    @ParentCommand
    RecastCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the jobs, newest first.")
    int list() {
        return withJobs((jobs, versions, out) -> {
            Instant now = Clock.systemUTC().instant();
            var all = jobs.list();
            if (all.isEmpty()) {
                out.println("no reindexing job");
                return 0;
            }
            out.printf("%-44s %-30s %-26s %-9s %-24s %10s %-20s %-20s%n", "ID", "READ MODEL", "TARGET", "STATE",
                    "STEP", "EVENTS", "STARTED", "UPDATED");
            for (ReindexJob job : all) {
                out.printf("%-44s %-30s %-26s %-9s %-24s %10d %-20s %-20s%n", job.id(), job.view(),
                        job.target().isEmpty() ? "-" : job.target(), job.state().label(), job.step(),
                        job.eventsProcessed(), job.started().truncatedTo(ChronoUnit.SECONDS),
                        job.updated().truncatedTo(ChronoUnit.SECONDS));
                if (job.abandoned(now, ReindexStart.SILENCE)) {
                    out.println("  ^ not running: no heartbeat for " + Duration.between(job.heartbeat(), now)
                            .toSeconds() + " s (its process stopped); `recast reindex --resume " + job.id()
                            + "` goes on from its offsets");
                }
                if (!job.message().isEmpty() && job.state() == JobState.FAILED) {
                    out.println("  ^ " + job.message());
                }
            }
            return 0;
        });
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Stops a running job's replay; its offsets stay, `resume` goes on.")
    int pause(@Parameters(paramLabel = "ID") String id) {
        return act(id, JobAction.PAUSE);
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Lets a paused job go on (its process, if it still runs, continues within a second).")
    int resume(@Parameters(paramLabel = "ID") String id) {
        return act(id, JobAction.RESUME);
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Gives a job up; its version never serves and the next `recast cleanup` drops it.")
    int cancel(@Parameters(paramLabel = "ID") String id) {
        return act(id, JobAction.CANCEL);
    }

    private int act(String id, JobAction action) {
        return withJobs((jobs, versions, out) -> {
            Instant now = Clock.systemUTC().instant();
            JobTransition transition = jobs.transition(id, action, now, action.label() + " asked by recast jobs");
            if (!transition.applied()) {
                out.println("refused: " + transition.refusal().orElseThrow());
                return REFUSED;
            }
            ReindexJob job = transition.job();
            // a process that runs the job (or waits while it is paused) beats every second
            boolean attended = Duration.between(job.heartbeat(), now).compareTo(ReindexStart.SILENCE) <= 0;
            out.println("job " + id + " is " + job.state().label());
            switch (action) {
                case PAUSE -> out.println(attended ? "its process stops the replay within a second; offsets are kept"
                        : "no process runs it now");
                case RESUME -> out.println(attended ? "its process goes on within a second"
                        : "no process runs it now: `recast reindex --resume " + id + "` goes on from its offsets");
                case CANCEL -> {
                    if (attended) {
                        out.println("its process stops within a second and retires " + job.target());
                    } else {
                        ReindexJobRun.retireBuilding(versions, id, job.view()).ifPresent(v -> out.println(
                                v.target() + " is retired; the next `recast cleanup` drops it"));
                    }
                }
                default -> { }
            }
            return 0;
        });
    }

    /** The work of a subcommand, given the jobs, the read model versions and the output. */
    @FunctionalInterface
    private interface Work {
        int run(CassandraReindexJobs jobs, CassandraViewVersions versions, PrintStream out);
    }

    private int withJobs(Work work) {
        PrintStream out = System.out;
        CassandraSettings cassandra = new Endpoints(root.config(), out).cassandra();
        try (CqlSession session = CassandraSessions.open(cassandra)) {
            return work.run(new CassandraReindexJobs(session, cassandra.keyspace()),
                    new CassandraViewVersions(session, cassandra.keyspace()), out);
        }
    }
}
