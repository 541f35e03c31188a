package io.recast.migrate;

import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.engine.plan.MigrationStep;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import java.util.Map;

/**
 * Clears the configured projections' offsets and truncates the tag views ({@link TagViewRepair#reset}), checking the
 * step's fence before each delete and each truncate.
 */
final class ResetTagViewsStep implements MigrationStep {

    static final String NAME = "reset offsets and tag views";

    private final MigrationSetup setup;

    ResetTagViewsStep(MigrationSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context) {
        TagViewRepair repair = setup.tagViews();
        if (context.dryRun()) {
            return StepResult.of("would clear the offsets of " + repair.projectionsToReset() + " and truncate "
                    + TagViewReset.TABLES + " of " + setup.keyspace() + " (dry run: nothing written)", Map.of());
        }
        if (repair.resuming(setup.session())) {
            return StepResult.of("the tag view rebuild " + repair.runId() + " is under way: not truncating again",
                    Map.of());
        }
        TagViewReset.Result reset = repair.reset(setup.session(), setup.out(), context.fence());
        return StepResult.of("truncated " + reset.tablesTruncated() + "; cleared the offsets of "
                + repair.projectionsToReset(), Map.of("tables truncated", (long) reset.tablesTruncated().size()));
    }
}
