package io.recast.engine.migration;

/**
 * Checked before a write: throws once this runner may no longer write (its lock was lost to another runner, or it
 * cannot confirm that it still holds it). A runner paused past its lease (a stopped JVM, a long GC) resumes with
 * writes that another runner's work may already have overtaken; the fence keeps them from reaching the store.
 */
@FunctionalInterface
public interface WriteFence {

    /** A fence that never stops anything: dry runs, tools and tests that hold no lock. */
    WriteFence NONE = () -> { };

    /**
     * Returns when this runner may write now.
     *
     * @throws LockLostException if the lock is held by another runner, was force-unlocked or was released
     * @throws RuntimeException  the store's own error when it cannot be asked (unreachable): the caller may wait
     *                           for it and check again
     */
    void check();
}
