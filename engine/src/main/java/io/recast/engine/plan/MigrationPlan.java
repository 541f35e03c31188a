package io.recast.engine.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What exists: the steps that take a journal from one version to the next, in order, and the checksum of what
 * defines their effect (the upcaster set), which the history records so that a changed migration is refused.
 *
 * @param from     the version the journal must be at
 * @param to       the version it is at afterwards
 * @param checksum identifies the migration's code (the upcaster chain's checksum)
 * @param steps    in the order they run; names unique
 */
public record MigrationPlan(String from, String to, String checksum, List<MigrationStep> steps) {

    public MigrationPlan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(checksum, "checksum");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A migration plan needs at least one step");
        }
        Set<String> names = new HashSet<>();
        for (MigrationStep step : steps) {
            if (!names.add(step.name())) {
                throw new IllegalArgumentException("Two steps of the plan " + from + " -> " + to + " are named '"
                        + step.name() + "': " + step.getClass().getName() + " and another; step names must be unique");
            }
        }
    }

    /** The step names, in order. */
    public List<String> stepNames() {
        return steps.stream().map(MigrationStep::name).toList();
    }
}
