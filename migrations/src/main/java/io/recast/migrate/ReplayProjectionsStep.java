package io.recast.migrate;

import io.recast.engine.plan.MigrationStep;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import io.recast.projections.views.ViewRebuild;
import io.recast.projections.views.ViewRejection;
import java.util.LinkedHashMap;
import java.util.Map;
import io.recast.adapters.cassandra.JournalWrites;

/**
 * Replays the migrated journal into new versions of the read models (Elasticsearch index, RDF namespace), lets the
 * live projection catch up, then switches to them ({@link ViewRebuild}). Resumes after the ranges it finished. Runs
 * at the same time as the tag views' rebuild (it reads {@code messages}); only its catch-up, which reads the tag views,
 * waits for that step, and only when something wrote to the journal during the replay.
 * Checks the step's fence before each write (versions, requests to the sinks, offsets, the switch).
 * Entities whose views could not be written are listed and make the step's result not clean.
 */
final class ReplayProjectionsStep implements MigrationStep {

    static final String NAME = "replay projections";
    private static final int LISTED = 10;

    private final MigrationSetup setup;

    ReplayProjectionsStep(MigrationSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The run id of the views' rebuild within a migration run. */
    static String viewsRunId(String migrationRunId) {
        return migrationRunId + "-views";
    }

    @Override
    public StepResult run(StepContext context) {
        if (context.dryRun()) {
            return StepResult.of("would replay the journal into new versions of the configured read models and"
                    + " switch to them (dry run: nothing written)", Map.of());
        }
        if (setup.views().isEmpty()) {
            return StepResult.of("no read model configured (recast.views.enabled is empty)", Map.of());
        }
        // the service is stopped during a migration: when its replay proves the journal quiet, no catch-up; else the
        // catch-up reads the tag views, which the plan rebuilds at the same time as this replay: it waits for them
        ViewRebuild.Options options = new ViewRebuild.Options(ProgressBar.of(setup.out(), "read models"),
                io.recast.projections.views.RebuildControl.NONE, ViewRebuild.AfterSwitch.STOP)
                .withQuietJournalCheck(new JournalWrites(setup.session(), setup.keyspace()))
                .withCatchUpAfter(() -> context.awaitStep(RebuildTagViewsStep.NAME));
        ViewRebuild.Result result = setup.views().get().fencedBy(context.fence()).run(setup.system(),
                viewsRunId(context.runId()), options);
        var counts = result.replay().counts().plus(result.catchUp());
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("events read", result.replay().rows());
        figures.put("entities", counts.entities());
        figures.put("documents written", counts.documentsWritten());
        figures.put("documents stale", counts.documentsStale());
        figures.put("graphs written", counts.graphsWritten());
        figures.put("rejected", (long) counts.rejections().size());
        String active = String.join(", ", result.activated().stream()
                .map(v -> v.view() + " -> " + v.target()).toList());
        String summary = String.format("%,d events, %,d entities: %,d documents, %,d graphs; now serving %s",
                result.replay().rows(), counts.entities(), counts.documentsWritten(), counts.graphsWritten(), active);
        setup.out().println("  " + summary);
        for (ViewRejection rejection : counts.rejections().stream().limit(LISTED).toList()) {
            setup.out().println("  not written: " + rejection);
        }
        if (!counts.rejections().isEmpty()) {
            setup.out().println("  " + counts.rejections().size() + " entities were not written; fix them (see above)"
                    + " and rebuild the views with `recast reindex`");
        }
        return new StepResult(figures, summary, counts.rejections().isEmpty());
    }
}
