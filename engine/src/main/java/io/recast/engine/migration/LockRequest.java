package io.recast.engine.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * A request for a migration lock.
 *
 * @param lockName names the lock, e.g. after the keyspace it guards
 * @param owner    who asks: unique per runner, e.g. {@link OwnerIds#newRunner()} ({@code host:pid:suffix#n})
 * @param lease    how long the lock stays held without a renewal
 */
public record LockRequest(String lockName, String owner, Duration lease) {

    public LockRequest {
        requireText(lockName, "lockName");
        requireText(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("The lease of lock '" + lockName + "' must be positive, not " + lease);
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("A lock's " + name + " must not be blank");
        }
    }
}
