package io.recast.engine.plan;

/** The lock a runner holds while it migrates, so that a second runner cannot migrate the same journal at once. */
public interface RunnerLock extends AutoCloseable {

    /**
     * @throws IllegalStateException if the lock was lost (its lease expired and another runner took it over): the
     *                               runner must stop before doing more
     */
    void checkHeld();

    /**
     * What the steps check before each write, so that a runner that lost the lock while it was paused stops writing;
     * by default {@link #checkHeld()}.
     */
    default io.recast.engine.migration.WriteFence fence() {
        return this::checkHeld;
    }

    /** Who holds it (this runner), for the history and the log. */
    String owner();

    /** Releases it. */
    @Override
    void close();
}
