package io.recast.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.plan.MigrationRefusedException;
import io.recast.engine.plan.RunReport;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.plan.StepResult;
import io.recast.engine.rewrite.RewriteResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The final report of a migration run: printed for a person, and as JSON. */
public final class PlanReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanReport() {
    }

    /** The report's lines. */
    public static void print(RunReport report, PrintStream out) {
        out.printf("%n== migration %s -> %s, run %s: %s in %.1f s%s%n", report.from(), report.to(), report.runId(),
                report.outcome(), report.duration().toMillis() / 1000.0,
                report.clean() ? "" : " (with events or ids to look at: see above)");
        for (RunReport.StepReport step : report.steps()) {
            out.printf("  %-30s %-12s %8.1f s  %s%n", step.name(), step.status(), step.duration().toMillis() / 1000.0,
                    step.result().map(StepResult::summary).orElse(""));
        }
        report.version().ifPresent(version -> out.println("  journal version: " + version.version()
                + " (recorded " + version.recordedAt() + ")"));
    }

    /**
     * The JSON report of a run that stopped on a failure: its outcome ({@code QUARANTINED}, {@code REFUSED} or
     * {@code FAILED}), the failure's message, the step runs of the current attempt (this run's and those of earlier
     * runs it resumes, each with its outcome, counts and message), and the rewrite's own report when the rewrite ran.
     *
     * @param history the step runs of the current attempt; empty when they could not be read (then
     *                {@code historyUnavailable} says why)
     */
    public static ObjectNode failureJson(String from, String to, String runId, boolean dryRun,
                                         RuntimeException failure, List<StepRecord> history,
                                         Optional<String> historyUnavailable, Optional<RewriteResult> rewrite) {
        ObjectNode node = JSON.createObjectNode();
        node.put("from", from);
        node.put("to", to);
        node.put("runId", runId);
        node.put("outcome", failure instanceof QuarantinedEventsException ? "QUARANTINED"
                : failure instanceof MigrationRefusedException ? "REFUSED" : "FAILED");
        node.put("dryRun", dryRun);
        node.put("clean", false);
        node.put("error", failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName());
        ArrayNode steps = node.putArray("history");
        for (StepRecord record : history) {
            ObjectNode s = steps.addObject();
            s.put("name", record.step());
            s.put("runId", record.runId());
            s.put("outcome", record.outcome().name());
            s.put("startedAt", record.startedAt().toString());
            record.finishedAt().ifPresent(at -> s.put("finishedAt", at.toString()));
            s.put("message", record.message());
            s.set("counts", JSON.valueToTree(record.counts()));
        }
        historyUnavailable.ifPresent(why -> node.put("historyUnavailable", why));
        rewrite.ifPresent(result -> node.set("rewrite", RewriteReport.json(result)));
        return node;
    }

    /** The report as JSON, with the rewrite's own report when it ran. */
    public static ObjectNode json(RunReport report, Optional<RewriteResult> rewrite) {
        ObjectNode node = JSON.createObjectNode();
        node.put("from", report.from());
        node.put("to", report.to());
        node.put("runId", report.runId());
        node.put("outcome", report.outcome().name());
        node.put("dryRun", report.outcome() == RunReport.Outcome.DRY_RUN);
        node.put("clean", report.clean());
        node.put("durationMillis", report.duration().toMillis());
        ArrayNode steps = node.putArray("steps");
        for (RunReport.StepReport step : report.steps()) {
            ObjectNode s = steps.addObject();
            s.put("name", step.name());
            s.put("status", step.status().name());
            s.put("durationMillis", step.duration().toMillis());
            step.result().ifPresent(result -> {
                s.put("summary", result.summary());
                s.put("clean", result.clean());
                s.set("counts", JSON.valueToTree(result.counts()));
            });
        }
        report.version().ifPresent(version -> node.put("version", version.version()));
        rewrite.ifPresent(result -> node.set("rewrite", RewriteReport.json(result)));
        return node;
    }
}
