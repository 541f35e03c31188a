package io.recast.engine.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * What asking for an action on a job gave: the job after it, or why it was refused (and what to do instead).
 *
 * @param job     the job after the action (unchanged when refused)
 * @param refusal why the action was refused, if it was
 */
public record JobTransition(ReindexJob job, Optional<String> refusal) {

    public JobTransition {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(refusal, "refusal");
    }

    public static JobTransition done(ReindexJob job) {
        return new JobTransition(job, Optional.empty());
    }

    public static JobTransition refused(ReindexJob job, String why) {
        return new JobTransition(job, Optional.of(why));
    }

    public boolean applied() {
        return refusal.isEmpty();
    }
}
