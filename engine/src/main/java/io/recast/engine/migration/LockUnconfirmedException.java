package io.recast.engine.migration;

/**
 * This runner could not confirm that it still holds its migration lock (no renewal got through for a while): it may
 * not write until a renewal succeeds. Transient while the lock's store is unreachable; callers that wait out outages
 * of that store may wait and check again.
 */
public class LockUnconfirmedException extends IllegalStateException {

    public LockUnconfirmedException(String message) {
        super(message);
    }
}
