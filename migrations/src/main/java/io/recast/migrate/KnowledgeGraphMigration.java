package io.recast.migrate;

import io.recast.engine.plan.MigrationPlan;
import java.util.List;

/**
 * The plan of a journal migration, such as the knowledge graph's v1.0 -> v1.1: rewrite the journal (backup first),
 * reset the projections' offsets and the tag views, rebuild the tag views, replay the projections into new
 * versions of the read models, verify. The runner adds the preflight,
 * the lock and the version record around it.
 */
public final class KnowledgeGraphMigration {

    private KnowledgeGraphMigration() {
    }

    /** The plan for the setup's upcasters (its checksum is their chain's), and the rewrite's last result. */
    public static Planned plan(MigrationSetup setup) {
        RewriteJournalStep rewrite = new RewriteJournalStep(setup);
        return new Planned(new MigrationPlan(setup.upcasters().fromVersion(), setup.upcasters().toVersion(),
                setup.upcasters().chain().checksum(), List.of(rewrite, new ResetTagViewsStep(setup),
                        new RebuildTagViewsStep(setup), new ReplayProjectionsStep(setup), new VerifyStep(setup))),
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
