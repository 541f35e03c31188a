package io.recast.projections.views;

/**
 * What steers a rebuild from outside: a job's rate limit, an operator's pause or cancel. The replay asks
 * {@link #admit()} before each journal row it reads; the rebuild tells {@link #enter} each step. Either may throw
 * {@link RebuildStopped}, which stops the rebuild with its offsets kept (a later run with the same id resumes).
 */
public interface RebuildControl {

    /** The steps of a rebuild, in order. */
    enum Step {
        REPLAY("replay"), CATCH_UP("catch-up"), SWITCH("switch"), CATCH_UP_AFTER_SWITCH("catch-up after switch"),
        DONE("done");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Called before each row of the replay, from several threads; may wait (a rate limit) or throw. */
    void admit();

    /** Called when the rebuild enters a step; may throw {@link RebuildStopped} to stop before it. */
    void enter(Step step);

    /**
     * The events per second that each node of a cluster may read, when this control limits the rate: the other nodes
     * that share a replay apply it too. Empty: no limit.
     */
    default java.util.OptionalDouble maxRatePerNode() {
        return java.util.OptionalDouble.empty();
    }

    /** Lets everything through at once. */
    RebuildControl NONE = new RebuildControl() {
        @Override
        public void admit() {
        }

        @Override
        public void enter(Step step) {
        }
    };
}
