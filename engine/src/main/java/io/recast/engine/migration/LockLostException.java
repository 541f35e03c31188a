package io.recast.engine.migration;

/**
 * This runner no longer holds its migration lock: it must stop writing at once. The message names the lock, the
 * fencing token that was lost and who holds the lock now.
 */
public class LockLostException extends IllegalStateException {

    public LockLostException(String message) {
        super(message);
    }
}
