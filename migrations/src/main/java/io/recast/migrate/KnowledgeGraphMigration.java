package io.recast.migrate;

import io.recast.engine.plan.MigrationPlan;
import io.recast.engine.plan.PlanStage;
import java.util.List;

/**
 * The plan of a journal migration, such as the knowledge graph's v1.0 -> v1.1: rewrite the journal (backup first),
 * reset the projections' offsets and the tag views, rebuild the tag views and, at the same time (unless {@code
 * recast.plan.rebuilds-at-once} is false), replay the projections into new versions of the read models, verify. The runner adds the preflight,
 * the lock and the version record around it.
 */
public final class KnowledgeGraphMigration {

    private KnowledgeGraphMigration() {
    }

    /** The plan for the setup's upcasters (its checksum is their chain's), and the rewrite's last result. */
    public static Planned plan(MigrationSetup setup) {
        RewriteJournalStep rewrite = new RewriteJournalStep(setup);
        // the tag views and the read models are rebuilt at the same time unless told otherwise: both only read the
        // rewritten journal, one writes Cassandra while the other waits on Elasticsearch and the RDF store
        RebuildTagViewsStep tagViews = new RebuildTagViewsStep(setup);
        ReplayProjectionsStep replay = new ReplayProjectionsStep(setup);
        List<PlanStage> rebuilds = setup.rebuildsAtOnce() ? List.of(PlanStage.concurrently(tagViews, replay))
                : List.of(PlanStage.of(tagViews), PlanStage.of(replay));
        List<PlanStage> stages = new java.util.ArrayList<>();
        stages.add(PlanStage.of(rewrite));
        stages.add(PlanStage.of(new ResetTagViewsStep(setup)));
        stages.addAll(rebuilds);
        stages.add(PlanStage.of(new VerifyStep(setup)));
        return new Planned(new MigrationPlan(setup.upcasters().fromVersion(), setup.upcasters().toVersion(),
                setup.upcasters().chain().checksum(), stages),
                () -> java.util.Optional.ofNullable(rewrite.lastResult()));
    }

    /**
     * A plan, and its rewrite step's result for the report.
     *
     * @param rewriteResult the rewrite's result, when the step ran in this process
     */
    public record Planned(MigrationPlan plan,
                          java.util.function.Supplier<java.util.Optional<io.recast.engine.rewrite.RewriteResult>>
                                  rewriteResult) {
    }
}
