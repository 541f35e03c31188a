package io.recast.migrate;

import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.engine.plan.MigrationStep;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds the tag views from {@code messages} with the tag view projections; resumes after their offsets. Checks the
 * step's fence before each write, checkpoint and offset.
 */
final class RebuildTagViewsStep implements MigrationStep {

    static final String NAME = "rebuild tag views";

    private final MigrationSetup setup;

    RebuildTagViewsStep(MigrationSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context) {
        if (context.dryRun()) {
            return StepResult.of("would rebuild the tag views of " + setup.keyspace() + " from messages (dry run:"
                    + " nothing written)", Map.of());
        }
        TagViewRebuild.Result result = setup.tagViews().rebuild(setup.session(), setup.system(), setup.out(),
                context.fence());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events read", result.eventsRead());
        counts.put("tag rows written", result.tagRowsWritten());
        counts.put("persistence ids", result.persistenceIds());
        counts.put("irregular ids", result.irregularPersistenceIdCount());
        return new StepResult(counts, String.format("%,d tag rows of %,d events", result.tagRowsWritten(),
                result.eventsRead()), result.irregularPersistenceIdCount() == 0);
    }
}
