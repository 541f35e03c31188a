package io.recast.engine.rewrite;

import java.util.Objects;

/**
 * How to run a rewrite.
 *
 * @param runId       names the run in Recast's tables; a run started again with the same id resumes it
 * @param dryRun      read and upcast everything, write nothing anywhere
 * @param samples     how many before/after samples to keep for the report
 * @param listedLimit how many quarantined events to list by name in the result (all are counted and stored)
 */
public record RewriteOptions(String runId, boolean dryRun, int samples, int listedLimit) {

    public RewriteOptions {
        Objects.requireNonNull(runId, "runId");
    }

    public static RewriteOptions run(String runId) {
        return new RewriteOptions(runId, false, 3, 100);
    }

    public static RewriteOptions dryRun(String runId) {
        return new RewriteOptions(runId, true, 3, 100);
    }
}
