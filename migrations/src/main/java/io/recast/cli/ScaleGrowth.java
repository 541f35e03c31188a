package io.recast.cli;

import java.util.List;
import java.util.OptionalDouble;

/**
 * How one figure grew from a smaller journal to a larger one, and whether that growth is linear (the time ratio
 * within 10% of the size ratio) or flat (within 25% of 1, for memory).
 * <p>
 * With a third, small journal measured first, the growth is also given net of the fixed cost of a run (JVM start,
 * Recast's tables, index creation, the live catch-up's delay), which that small run is taken to be:
 * {@code (T(large) - T(small)) / (T(medium) - T(small))} against {@code (N(large) - N(small)) / (N(medium) - N(small))}.
 *
 * @param ratio     T(large) / T(medium)
 * @param sizeRatio N(large) / N(medium)
 * @param netRatio  the ratio net of the fixed cost, when a small journal was measured
 * @param netSize   the size ratio net of the small journal, when one was measured
 */
record ScaleGrowth(double ratio, double sizeRatio, OptionalDouble netRatio, OptionalDouble netSize) {

    static final double LINEAR_TOLERANCE = 0.10;
    static final double FLAT_TOLERANCE = 0.25;

    /**
     * @param sizes   the journals' sizes in events, smallest first (two, or three with the fixed-cost probe first)
     * @param figures the figure at each size, in the same order
     */
    static ScaleGrowth of(List<Integer> sizes, List<Double> figures) {
        if (sizes.size() != figures.size() || sizes.size() < 2) {
            throw new IllegalArgumentException("growth needs a figure at each of two sizes or more; got sizes " + sizes
                    + " and figures " + figures);
        }
        int from = sizes.size() >= 3 ? 1 : 0;
        int to = sizes.size() - 1;
        double ratio = figures.get(to) / figures.get(from);
        double sizeRatio = (double) sizes.get(to) / sizes.get(from);
        if (from == 0) {
            return new ScaleGrowth(ratio, sizeRatio, OptionalDouble.empty(), OptionalDouble.empty());
        }
        double fixed = figures.get(0);
        return new ScaleGrowth(ratio, sizeRatio,
                OptionalDouble.of((figures.get(to) - fixed) / (figures.get(from) - fixed)),
                OptionalDouble.of((double) (sizes.get(to) - sizes.get(0)) / (sizes.get(from) - sizes.get(0))));
    }

    /** Whether the figure grew as the size did, within 10%. */
    boolean linear() {
        return Math.abs(ratio / sizeRatio - 1) <= LINEAR_TOLERANCE;
    }

    /** Whether the figure, net of the fixed cost, grew as the size did, within 10% (empty without a small journal). */
    java.util.Optional<Boolean> linearNetOfFixedCost() {
        return netRatio.isPresent()
                ? java.util.Optional.of(Math.abs(netRatio.getAsDouble() / netSize.getAsDouble() - 1) <= LINEAR_TOLERANCE)
                : java.util.Optional.empty();
    }

    /** Whether the figure (a memory peak) stayed within 25% of itself. */
    boolean flat() {
        return Math.abs(ratio - 1) <= FLAT_TOLERANCE;
    }
}
