package io.recast.cli;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.RateLimit;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.jobs.ReindexJobs;
import io.recast.projections.views.RebuildControl;
import io.recast.projections.views.RebuildStopped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steers the rebuild of a job and reports on it: every {@link #BEAT} it reads the job's state (an operator's
 * {@code recast jobs pause|cancel}) and records the step, the events processed and a heartbeat. The replay's rows
 * go through the job's rate limit; a pause or a cancel stops the replay at the next row, and every step is entered
 * only after the state was read again.
 */
final class JobControl implements RebuildControl, AutoCloseable {

    static final Duration BEAT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(JobControl.class);

    private final ReindexJobs jobs;
    private final Clock clock;
    private final Optional<RateLimit> rate;
    private final AtomicReference<ReindexJob> job;
    private final AtomicReference<JobState> state;
    private final AtomicLong events;
    private final long eventsAtStart;
    private final java.util.OptionalDouble ratePerNode;
    private final AtomicReference<String> step;
    private final AtomicReference<ReindexJob.Ranges> ranges;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "recast-job-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    JobControl(ReindexJob job, ReindexJobs jobs, Clock clock) {
        this(job, jobs, clock, 1);
    }

    /**
     * @param nodes how many nodes share the job's replay (and its rate limit, evenly): 1, or the cluster's
     *              {@code recast.cluster.min-nodes}
     */
    JobControl(ReindexJob job, ReindexJobs jobs, Clock clock, int nodes) {
        this.jobs = jobs;
        this.clock = clock;
        this.ratePerNode = job.maxRate().isPresent()
                ? java.util.OptionalDouble.of(job.maxRate().getAsDouble() / Math.max(1, nodes))
                : java.util.OptionalDouble.empty();
        this.rate = ratePerNode.isPresent() ? Optional.of(RateLimit.perSecond(ratePerNode.getAsDouble()))
                : Optional.empty();
        this.job = new AtomicReference<>(job);
        this.state = new AtomicReference<>(job.state());
        this.events = new AtomicLong(job.eventsProcessed());
        this.eventsAtStart = job.eventsProcessed();
        this.step = new AtomicReference<>(job.step());
        this.ranges = new AtomicReference<>(job.ranges());
        beats.scheduleWithFixedDelay(this::beat, 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The job with the version it builds, recorded at once. */
    void target(int version, String target) {
        job.updateAndGet(j -> j.withTarget(version, target));
        report();
    }

    /** The state read last. */
    JobState state() {
        return state.get();
    }

    /** Reads the state now (not waiting for the next beat). */
    JobState refresh() {
        jobs.find(job.get().id()).ifPresent(stored -> state.set(stored.state()));
        return state.get();
    }

    long eventsProcessed() {
        return events.get();
    }

    /**
     * Records the events of the token ranges done so far by this run, whichever node of a cluster did them: the
     * events processed never go below what this process counted itself.
     */
    void eventsInRangesDone(long eventsSoFar) {
        long total = eventsAtStart + eventsSoFar;
        events.accumulateAndGet(total, Math::max);
    }

    /** Records how many of the replay's token ranges are done (at the next beat). */
    void ranges(int done, int total) {
        ranges.set(new ReindexJob.Ranges(done, total));
    }

    @Override
    public java.util.OptionalDouble maxRatePerNode() {
        return ratePerNode;
    }

    @Override
    public void admit() {
        stopIfAsked(state.get());
        rate.ifPresent(RateLimit::acquire);
        events.incrementAndGet();
    }

    @Override
    public void enter(Step next) {
        step.set(next.label());
        report();
        stopIfAsked(refresh());
    }

    /** Records the last step, e.g. {@code paused at replay}. */
    void step(String label) {
        step.set(label);
        report();
    }

    private void stopIfAsked(JobState now) {
        if (now == JobState.PAUSED) {
            throw new RebuildStopped(RebuildStopped.Reason.PAUSED, "job " + job.get().id() + " paused");
        }
        if (now == JobState.CANCELLED) {
            throw new RebuildStopped(RebuildStopped.Reason.CANCELLED, "job " + job.get().id() + " cancelled");
        }
    }

    private void beat() {
        try {
            refresh();
            report();
        } catch (RuntimeException e) {
            log.warn("job {}: could not record its heartbeat ({}); retrying", job.get().id(), e.getMessage());
        }
    }

    private void report() {
        jobs.progress(job.updateAndGet(j -> j.withProgress(step.get(), events.get(), clock.instant())
                .withRanges(ranges.get())));
    }

    @Override
    public void close() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
            report();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("job {}: could not record its last progress ({})", job.get().id(), e.getMessage());
        }
    }
}
