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

    /**
     * The fence's exception among {@code error} and its causes ({@link LockLostException},
     * {@link LockUnconfirmedException}), for callers that run writers on other threads and want to rethrow what
     * stopped them as it is.
     */
    static java.util.Optional<IllegalStateException> stoppedBy(Throwable error) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof LockLostException || cause instanceof LockUnconfirmedException) {
                return java.util.Optional.of((IllegalStateException) cause);
            }
        }
        return java.util.Optional.empty();
    }
}
