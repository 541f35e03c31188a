package io.recast.engine.plan;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of one step, as the history keeps it.
 *
 * @param from       the plan's source version
 * @param to         the plan's target version
 * @param step       the step's name
 * @param runId      the run
 * @param checksum   the plan's checksum when it ran
 * @param startedAt  when it started
 * @param finishedAt when it ended, empty while it runs (or if its runner died)
 * @param outcome    how it ended
 * @param counts     its counts
 * @param message    its summary, or the error
 */
public record StepRecord(String from, String to, String step, String runId, String checksum, Instant startedAt,
                         Optional<Instant> finishedAt, Outcome outcome, Map<String, Long> counts, String message) {

    /** How a step run ended. */
    public enum Outcome {
        /** Started, not ended: still running, or its runner died (a new run redoes it). */
        RUNNING,
        /** Done; a later run skips it. */
        SUCCEEDED,
        /** Failed; a later run redoes it. */
        FAILED
    }

    public StepRecord {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        Objects.requireNonNull(message, "message");
    }

    /** This record, ended. */
    public StepRecord finished(Instant at, Outcome result, Map<String, Long> resultCounts, String resultMessage) {
        return new StepRecord(from, to, step, runId, checksum, startedAt, Optional.of(at), result, resultCounts,
                resultMessage);
    }
}
