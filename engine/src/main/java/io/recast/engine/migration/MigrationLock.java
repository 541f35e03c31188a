package io.recast.engine.migration;

import java.util.Optional;

/**
 * A lease lock that keeps two runners from migrating the same keyspace at once.
 *
 * <p>A holder keeps the lock by renewing its lease before it expires (see {@link HeldLock}); a lock whose holder
 * stops renewing (killed, partitioned away) is free once its lease has expired, without anyone releasing it. Every
 * time the lock changes hands its fencing token grows, so that a store can refuse the writes of a former holder.
 * Implementations compare-and-set atomically: of owners racing for a free lock exactly one acquires it.
 */
public interface MigrationLock {

    /** Takes the lock if nobody holds it or its holder's lease has expired; refuses with the holder otherwise. */
    LockAttempt tryAcquire(LockRequest request);

    /**
     * Extends the lease by its duration from now, if the lock is still held under it (same owner, same fencing
     * token); otherwise reports it lost, with whoever holds the lock now.
     */
    RenewResult renew(LockLease lease);

    /** Frees the lock if it is still held under this lease; does nothing otherwise (it changed hands already). */
    void release(LockLease lease);

    /** Who holds the lock now; empty when nobody does or the last holder's lease has expired. */
    Optional<LockHolder> holder(String lockName);

    /**
     * Frees the lock whoever holds it: for an operator, when a runner is stuck or gone and nobody wants to wait for
     * its lease to expire. The result says who held it; a holder that still runs loses the lock at its next renewal.
     */
    ForceUnlockResult forceUnlock(String lockName);
}
