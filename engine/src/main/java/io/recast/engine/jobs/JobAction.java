package io.recast.engine.jobs;

import java.util.EnumSet;
import java.util.Set;

/** What can happen to a reindexing job: each action is allowed from some states and leads to one. */
public enum JobAction {
    PAUSE(EnumSet.of(JobState.RUNNING), JobState.PAUSED),
    RESUME(EnumSet.of(JobState.PAUSED, JobState.FAILED, JobState.RUNNING), JobState.RUNNING),
    CANCEL(EnumSet.of(JobState.RUNNING, JobState.PAUSED, JobState.FAILED), JobState.CANCELLED),
    FINISH(EnumSet.of(JobState.RUNNING), JobState.DONE),
    FAIL(EnumSet.of(JobState.RUNNING), JobState.FAILED);

    private final Set<JobState> from;
    private final JobState to;

    JobAction(Set<JobState> from, JobState to) {
        this.from = from;
        this.to = to;
    }

    /** The states the action is allowed from. */
    public Set<JobState> from() {
        return EnumSet.copyOf(from);
    }

    /** The state the action leads to. */
    public JobState to() {
        return to;
    }

    /** The lowercase name operators type. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
