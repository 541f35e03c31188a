package io.recast.engine.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a step did.
 *
 * @param counts  named counts for the history and the report (events read, rows written, ...), in a stable order
 * @param summary one line for the operator
 * @param clean   false when the step finished but left something for the operator to look at (quarantined
 *                events, irregular ids); the run goes on and its report says so
 */
public record StepResult(Map<String, Long> counts, String summary, boolean clean) {

    public StepResult {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        Objects.requireNonNull(summary, "summary");
    }

    /** A clean result. */
    public static StepResult of(String summary, Map<String, Long> counts) {
        return new StepResult(counts, summary, true);
    }
}
