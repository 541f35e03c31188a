package io.recast.engine.migration;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link MigrationLock} in memory, with the semantics of the Cassandra one, for the engine's tests. */
final class InMemoryMigrationLock implements MigrationLock {

    private final Map<String, LockHolder> holders = new HashMap<>();
    private final Map<String, Long> lastTokens = new HashMap<>();
    private int renewals;
    private RuntimeException renewalFailure;

    @Override
    public synchronized LockAttempt tryAcquire(LockRequest request) {
        Instant now = Instant.now();
        LockHolder current = holders.get(request.lockName());
        if (current != null && !current.expired(now)) {
            return new LockAttempt.Refused(request.lockName(), current);
        }
        long token = lastTokens.merge(request.lockName(), 1L, Long::sum);
        holders.put(request.lockName(), new LockHolder(request.owner(), now, now.plus(request.lease()), token));
        return new LockAttempt.Acquired(new LockLease(request.lockName(), request.owner(), token, request.lease()));
    }

    @Override
    public synchronized RenewResult renew(LockLease lease) {
        if (renewalFailure != null) {
            throw renewalFailure;
        }
        LockHolder current = holders.get(lease.lockName());
        if (!heldUnder(current, lease)) {
            return new RenewResult.Lost(lease, holder(lease.lockName()));
        }
        Instant expiresAt = Instant.now().plus(lease.lease());
        holders.put(lease.lockName(), new LockHolder(lease.owner(), current.acquiredAt(), expiresAt,
                lease.fencingToken()));
        renewals++;
        return new RenewResult.Renewed(lease, expiresAt);
    }

    @Override
    public synchronized void release(LockLease lease) {
        if (heldUnder(holders.get(lease.lockName()), lease)) {
            holders.remove(lease.lockName());
        }
    }

    @Override
    public synchronized Optional<LockHolder> holder(String lockName) {
        return Optional.ofNullable(holders.get(lockName)).filter(holder -> !holder.expired(Instant.now()));
    }

    @Override
    public synchronized ForceUnlockResult forceUnlock(String lockName) {
        return new ForceUnlockResult(lockName, Optional.ofNullable(holders.remove(lockName)));
    }

    /** How many renewals succeeded. */
    synchronized int renewals() {
        return renewals;
    }

    /** Makes every renewal from now on throw, as an unreachable store would. */
    synchronized void failRenewalsWith(RuntimeException failure) {
        renewalFailure = failure;
    }

    private static boolean heldUnder(LockHolder holder, LockLease lease) {
        return holder != null && holder.owner().equals(lease.owner()) && holder.fencingToken() == lease.fencingToken();
    }
}
