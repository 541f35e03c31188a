package io.recast.cli;

import io.recast.engine.jobs.JobAction;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.jobs.ReindexJobs;
import io.recast.engine.view.ViewVersion;
import io.recast.engine.view.ViewVersions;
import io.recast.projections.RangeProgress;
import io.recast.projections.views.RebuildControl;
import io.recast.projections.views.RebuildStopped;
import io.recast.projections.views.ViewRebuild;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs one reindexing job to its end in this process: the rebuild of its read model into a new version (replay,
 * catch-up, switch, catch-up after the switch), steered by {@link JobControl}. A pause stops the rebuild with its
 * offsets kept and waits here for {@code recast jobs resume} (then goes on) or {@code cancel}; a cancel retires the
 * version it was building (the next {@code recast cleanup} drops it); a failure marks the job failed, and
 * {@code recast reindex --resume} goes on from the offsets.
 */
final class ReindexJobRun {

    /** How a run ended. */
    enum Ending { DONE, CANCELLED }

    /** What a run did. */
    record Outcome(Ending ending, ReindexJob job, Optional<ViewRebuild.Result> rebuild) {
    }

    private final ReindexJobs jobs;
    private final ViewVersions versions;
    private final Clock clock;
    private final PrintStream out;
    private final int nodes;

    ReindexJobRun(ReindexJobs jobs, ViewVersions versions, Clock clock, PrintStream out) {
        this(jobs, versions, clock, out, 1);
    }

    /** @param nodes how many nodes of a cluster share the replay and, evenly, its rate limit */
    ReindexJobRun(ReindexJobs jobs, ViewVersions versions, Clock clock, PrintStream out, int nodes) {
        this.nodes = nodes;
        this.jobs = jobs;
        this.versions = versions;
        this.clock = clock;
        this.out = out;
    }

    Outcome run(ReindexJob job, ViewRebuild rebuild, ActorSystem<?> system) {
        try (JobControl control = new JobControl(job, jobs, clock, nodes)) {
            ViewVersion version = rebuild.prepare(job.id()).get(0);
            control.target(version.version(), version.target());
            out.println("job " + job.id() + ": rebuilding " + job.view() + " into " + version.target()
                    + " (version " + version.version() + ")" + job.maxRate().stream()
                    .mapToObj(rate -> ", at most " + Math.round(rate) + " events/s").findFirst().orElse("")
                    + "; " + versions.active(job.view()).map(v -> v.target() + " serves meanwhile")
                    .orElse("nothing serves yet"));
            while (true) {
                try {
                    ViewRebuild.Result result = rebuild.run(system, job.id(), new ViewRebuild.Options(
                            new RangeProgress() {
                                @Override
                                public void rangeDone(int done, int total, java.time.Duration elapsed) {
                                    progress(job, control, done, total);
                                }

                                @Override
                                public void rangeDone(int done, int total, java.time.Duration elapsed,
                                                      long eventsSoFar) {
                                    // on a cluster, the other nodes' ranges count too
                                    control.eventsInRangesDone(eventsSoFar);
                                    progress(job, control, done, total);
                                }
                            }, control, ViewRebuild.AfterSwitch.CATCH_UP_AGAIN));
                    control.step(RebuildControl.Step.DONE.label());
                    return new Outcome(Ending.DONE, finish(job.id()), Optional.of(result));
                } catch (RebuildStopped stopped) {
                    if (stopped.reason() == RebuildStopped.Reason.PAUSED && awaitResume(job, control)) {
                        out.println("job " + job.id() + ": resumed; going on from its offsets");
                        continue;
                    }
                    control.step("cancelled at " + control.eventsProcessed() + " events");
                    retireBuilding(versions, job.id(), job.view());
                    out.println("job " + job.id() + ": cancelled; " + version.target() + " is retired (the next"
                            + " `recast cleanup` drops it); what served still serves");
                    return new Outcome(Ending.CANCELLED, jobs.find(job.id()).orElseThrow(), Optional.empty());
                } catch (RuntimeException e) {
                    jobs.transition(job.id(), JobAction.FAIL, clock.instant(), String.valueOf(e.getMessage()));
                    throw new IllegalStateException("Job " + job.id() + " failed: " + e.getMessage() + ". Fix the"
                            + " cause, then `recast reindex --resume " + job.id() + "` goes on from its offsets", e);
                }
            }
        }
    }

    /**
     * Retires the version a job was building, unless it serves: a cancelled job's version is dropped by the next
     * cleanup and never activated.
     */
    static Optional<ViewVersion> retireBuilding(ViewVersions versions, String jobId, String view) {
        Optional<ViewVersion> building = versions.ofRun(view, jobId)
                .filter(v -> v.state() == ViewVersion.State.BUILDING);
        building.ifPresent(v -> versions.save(v.withState(ViewVersion.State.RETIRED, v.activated())));
        return building;
    }

    private void progress(ReindexJob job, JobControl control, int done, int total) {
        control.ranges(done, total);
        if (done == total || done % 8 == 0) {
            out.println("job " + job.id() + ": replay " + done + "/" + total + " token ranges, "
                    + control.eventsProcessed() + " events");
        }
    }

    /** Waits while paused; whether the job was resumed (false: cancelled). */
    private boolean awaitResume(ReindexJob job, JobControl control) {
        control.step("paused");
        out.println("job " + job.id() + ": paused after " + control.eventsProcessed() + " events, offsets kept;"
                + " `recast jobs resume " + job.id() + "` goes on, `recast jobs cancel " + job.id() + "` gives up");
        while (true) {
            JobState state = control.refresh();
            if (state == JobState.RUNNING) {
                return true;
            }
            if (state == JobState.CANCELLED) {
                return false;
            }
            try {
                Thread.sleep(JobControl.BEAT.toMillis() / 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while job " + job.id() + " was paused; `recast reindex"
                        + " --resume " + job.id() + "` goes on", e);
            }
        }
    }

    /** Marks the job done; its version serves now, whatever an operator asked meanwhile. */
    private ReindexJob finish(String id) {
        for (int attempt = 0; attempt < 10; attempt++) {
            ReindexJob current = jobs.find(id).orElseThrow();
            if (current.state() == JobState.DONE) {
                return current;
            }
            ReindexJob done = new ReindexJob(current.id(), current.view(), current.targetVersion(), current.target(),
                    JobState.DONE, RebuildControl.Step.DONE.label(), current.eventsProcessed(), current.maxRate(),
                    current.started(), clock.instant(), current.heartbeat(), "", current.ranges());
            if (jobs.replace(done, current.state())) {
                return done;
            }
        }
        throw new IllegalStateException("Job " + id + " kept changing while it was being marked done; its version"
                + " serves, `recast jobs list` shows it");
    }
}
