package io.recast.engine.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What exists: the steps that take a journal from one version to the next, as stages in order (most of one step; the
 * steps of a stage run at the same time, see {@link PlanStage}), and the checksum of what defines their effect (the
 * upcaster set), which the history records so that a changed migration is refused.
 *
 * @param from     the version the journal must be at
 * @param to       the version it is at afterwards
 * @param checksum identifies the migration's code (the upcaster chain's checksum)
 * @param stages   in the order they run; step names unique across them
 */
public record MigrationPlan(String from, String to, String checksum, List<PlanStage> stages) {

    public MigrationPlan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(checksum, "checksum");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("A migration plan needs at least one step");
        }
        Set<String> names = new HashSet<>();
        for (PlanStage stage : stages) {
            for (MigrationStep step : stage.steps()) {
                if (!names.add(step.name())) {
                    throw new IllegalArgumentException("Two steps of the plan " + from + " -> " + to + " are named '"
                            + step.name() + "': " + step.getClass().getName() + " and another; step names must be"
                            + " unique");
                }
            }
        }
    }

    /** A plan whose steps run one after the other, in the order given. */
    public static MigrationPlan sequential(String from, String to, String checksum, List<MigrationStep> steps) {
        return new MigrationPlan(from, to, checksum, steps.stream().map(PlanStage::of).toList());
    }

    /** Every step, stage after stage (within a stage in the order given). */
    public List<MigrationStep> steps() {
        return stages.stream().flatMap(stage -> stage.steps().stream()).toList();
    }

    /** The step names, in order. */
    public List<String> stepNames() {
        return steps().stream().map(MigrationStep::name).toList();
    }
}
