package io.recast.cli;

import io.recast.engine.jobs.JobAction;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.JobTransition;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.jobs.ReindexJobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Which job a {@code recast reindex} runs: the one named by {@code --resume}, else the unfinished job of that read
 * model (a killed, failed or paused one: running the same reindex again resumes it), else a new one. A job that
 * another process runs (its heartbeat is recent) is refused, so two processes never run the same job.
 */
final class ReindexStart {

    /** How long a running job's process may stay silent before the job counts as abandoned (killed). */
    static final Duration SILENCE = Duration.ofSeconds(5);

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** The job to run and what the operator is told about it. */
    record Choice(ReindexJob job, String said) {
    }

    /** A reindex refused before it changed anything; the message says why and what to do. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private ReindexStart() {
    }

    /**
     * @param view     the read model asked for (empty with {@code --resume}: the job's)
     * @param resumeId the job {@code --resume} names, if any
     * @param maxRate  the {@code --max-rate} given, if any (a resumed job keeps its own otherwise)
     */
    static Choice choose(ReindexJobs jobs, Optional<String> view, Optional<String> resumeId, OptionalDouble maxRate,
                         Instant now) {
        if (resumeId.isPresent()) {
            ReindexJob job = jobs.find(resumeId.get()).orElseThrow(() -> new Refused("No reindexing job "
                    + resumeId.get() + "; `recast jobs list` shows the jobs"));
            if (view.isPresent() && !view.get().equals(job.view())) {
                throw new Refused("Job " + job.id() + " rebuilds " + job.view() + ", not " + view.get()
                        + "; leave the read model out of `recast reindex --resume " + job.id() + "`");
            }
            return resume(jobs, job, maxRate, now);
        }
        String asked = view.orElseThrow(() -> new Refused("Name the read model to rebuild (elasticsearch or rdf),"
                + " or a job to resume with --resume ID"));
        Optional<ReindexJob> unfinished = jobs.list().stream()
                .filter(job -> job.view().equals(asked) && !job.state().finished()).findFirst();
        if (unfinished.isPresent()) {
            return resume(jobs, unfinished.get(), maxRate, now);
        }
        String id = "reindex-" + asked.replaceAll("[^A-Za-z0-9]+", "-") + "-" + ID_TIME.format(now);
        for (int n = 2; jobs.find(id).isPresent(); n++) {
            id = id.replaceFirst("(-\\d{8}-\\d{6}).*$", "$1-" + n); // another job started in the same second
        }
        ReindexJob job = ReindexJob.start(id, asked, maxRate, now);
        jobs.save(job);
        return new Choice(job, "started job " + job.id());
    }

    private static Choice resume(ReindexJobs jobs, ReindexJob job, OptionalDouble maxRate, Instant now) {
        if (job.state() == JobState.DONE) {
            return new Choice(job, "job " + job.id() + " is done: " + job.target() + " serves; nothing to do");
        }
        if (job.state() == JobState.CANCELLED) {
            throw new Refused("Job " + job.id() + " was cancelled; start a new one with `recast reindex "
                    + kindOf(job.view()) + "`");
        }
        if (job.state() == JobState.RUNNING && !job.abandoned(now, SILENCE)) {
            throw new Refused("Job " + job.id() + " of " + job.view() + " runs in another process (its heartbeat is "
                    + Duration.between(job.heartbeat(), now).toSeconds() + " s old); `recast jobs list` shows it,"
                    + " `recast jobs pause|cancel " + job.id() + "` steers it");
        }
        String was = job.state() == JobState.RUNNING ? "abandoned (its process stopped " + Duration.between(
                job.heartbeat(), now).toSeconds() + " s ago)" : job.state().label();
        JobTransition resumed = jobs.transition(job.id(), JobAction.RESUME, now, "resumed by recast reindex");
        if (!resumed.applied()) {
            throw new Refused(resumed.refusal().orElseThrow());
        }
        ReindexJob running = maxRate.isPresent() ? resumed.job().withMaxRate(maxRate) : resumed.job();
        jobs.progress(running.withProgress(running.step(), running.eventsProcessed(), now));
        return new Choice(running, "resuming job " + job.id() + ", which was " + was + ", from its offsets");
    }

    /** {@code elasticsearch} or {@code rdf}, as {@code recast reindex} takes it, from a read model's name. */
    static String kindOf(String view) {
        return view.startsWith("elasticsearch:") ? "elasticsearch" : "rdf";
    }
}
