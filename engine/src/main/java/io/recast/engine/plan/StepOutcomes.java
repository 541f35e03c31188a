package io.recast.engine.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** How each step of a running plan ended, as far as it has: what {@link OtherSteps} waits on. */
final class StepOutcomes {

    private final Map<String, CompletableFuture<Void>> ended = new HashMap<>();
    private final Map<String, Integer> stageOf = new HashMap<>();

    StepOutcomes(MigrationPlan plan) {
        for (int stage = 0; stage < plan.stages().size(); stage++) {
            for (MigrationStep step : plan.stages().get(stage).steps()) {
                ended.put(step.name(), new CompletableFuture<>());
                stageOf.put(step.name(), stage);
            }
        }
    }

    void succeeded(String step) {
        ended.get(step).complete(null);
    }

    void failed(String step, Throwable failure) {
        ended.get(step).completeExceptionally(failure);
    }

    /** The other steps as {@code waiting} sees them: it may wait for a step of an earlier stage or of its own. */
    OtherSteps seenBy(String waiting) {
        return step -> {
            Integer stage = stageOf.get(step);
            if (stage == null) {
                throw new IllegalArgumentException("step '" + waiting + "' waits for a step named '" + step + "',"
                        + " which its plan does not have (it has " + stageOf.keySet() + ")");
            }
            if (step.equals(waiting) || stage > stageOf.get(waiting)) {
                throw new IllegalArgumentException("step '" + waiting + "' cannot wait for step '" + step + "': that"
                        + " step runs after it");
            }
            try {
                ended.get(step).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("step '" + waiting + "' needs step '" + step + "', which failed: "
                        + e.getCause().getMessage(), e.getCause());
            }
        };
    }
}
