package io.recast.engine.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * What the holder of a lock keeps to renew and release it.
 *
 * @param lockName     the lock
 * @param owner        the holder's owner id
 * @param fencingToken the token the lock was acquired with; greater than that of every earlier holder
 * @param lease        how far each renewal extends the lease
 */
public record LockLease(String lockName, String owner, long fencingToken, Duration lease) {

    public LockLease {
        Objects.requireNonNull(lockName, "lockName");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
    }
}
