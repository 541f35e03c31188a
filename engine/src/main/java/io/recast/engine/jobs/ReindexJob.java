package io.recast.engine.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One reindexing job: the rebuild of one read model into a new version while the one that serves keeps serving.
 * Its id is the rebuild's run id, so running it again resumes the same version from the same offsets.
 *
 * @param id              the job's id, also the run id of its rebuild
 * @param view            the read model, e.g. {@code elasticsearch:kg_resources}
 * @param targetVersion   the version it builds (0 before the version is recorded)
 * @param target          where that version is stored, e.g. the index {@code kg_resources_v3} (empty before)
 * @param state           where it stands
 * @param step            the step it is at or stopped at, e.g. {@code replay}
 * @param eventsProcessed journal events the job has read so far (a range read again counts again)
 * @param maxRate         the replay's limit in events per second, if any
 * @param started         when the job was created
 * @param updated         when its state or step last changed
 * @param heartbeat       when the process that runs it last said it was alive
 * @param message         the last failure, or what the operator asked; empty if none
 * @param ranges          the replay's token ranges done of all (both 0 before the replay starts)
 */
public record ReindexJob(String id, String view, int targetVersion, String target, JobState state, String step,
                         long eventsProcessed, OptionalDouble maxRate, Instant started, Instant updated,
                         Instant heartbeat, String message, Ranges ranges) {

    /** The replay's token ranges: {@code done} of {@code total}. */
    public record Ranges(int done, int total) {

        public static final Ranges NONE = new Ranges(0, 0);

        public Ranges {
            if (done < 0 || total < 0 || done > total) {
                throw new IllegalArgumentException("ranges done " + done + " of " + total);
            }
        }

        /** The share of the replay done, once a range is. */
        public OptionalDouble fraction() {
            return done > 0 ? OptionalDouble.of((double) done / total) : OptionalDouble.empty();
        }
    }

    public ReindexJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(maxRate, "maxRate");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ranges, "ranges");
    }

    /** A new job, running, before its version is recorded. */
    public static ReindexJob start(String id, String view, OptionalDouble maxRate, Instant now) {
        return new ReindexJob(id, view, 0, "", JobState.RUNNING, "starting", 0, maxRate, now, now, now, "",
                Ranges.NONE);
    }

    /**
     * The job after {@code action}, or a refusal naming the state it is in and what the operator can do.
     */
    public JobTransition apply(JobAction action, Instant now, String why) {
        if (!action.from().contains(state)) {
            return JobTransition.refused(this, "Job " + id + " is " + state.label() + ": it cannot be "
                    + pastTense(action) + " (only a job that is " + String.join(" or ", action.from().stream()
                    .map(JobState::label).toList()) + " can)" + hint());
        }
        return JobTransition.done(new ReindexJob(id, view, targetVersion, target, action.to(), step, eventsProcessed,
                maxRate, started, now, heartbeat, why, ranges));
    }

    /** Whether the process that runs it has not said it is alive for longer than {@code silence}. */
    public boolean abandoned(Instant now, Duration silence) {
        return state == JobState.RUNNING && Duration.between(heartbeat, now).compareTo(silence) > 0;
    }

    public ReindexJob withTarget(int version, String newTarget) {
        return new ReindexJob(id, view, version, newTarget, state, step, eventsProcessed, maxRate, started, updated,
                heartbeat, message, ranges);
    }

    public ReindexJob withProgress(String newStep, long events, Instant now) {
        return new ReindexJob(id, view, targetVersion, target, state, newStep, events, maxRate, started,
                newStep.equals(step) ? updated : now, now, message, ranges);
    }

    public ReindexJob withRanges(Ranges newRanges) {
        return new ReindexJob(id, view, targetVersion, target, state, step, eventsProcessed, maxRate, started, updated,
                heartbeat, message, newRanges);
    }

    public ReindexJob withMaxRate(OptionalDouble rate) {
        return new ReindexJob(id, view, targetVersion, target, state, step, eventsProcessed, rate, started, updated,
                heartbeat, message, ranges);
    }

    private String hint() {
        return switch (state) {
            case DONE -> "; its version serves, nothing is left to do";
            case CANCELLED -> "; start a new one with `recast reindex`";
            case FAILED -> "; `recast reindex --resume " + id + "` runs it again from its offsets";
            case PAUSED -> "; `recast jobs resume " + id + "` goes on";
            case RUNNING -> "";
        };
    }

    private static String pastTense(JobAction action) {
        return switch (action) {
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case CANCEL -> "cancelled";
            case FINISH -> "finished";
            case FAIL -> "failed";
        };
    }
}
