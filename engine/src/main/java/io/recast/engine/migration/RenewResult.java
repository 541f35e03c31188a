package io.recast.engine.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The outcome of {@link MigrationLock#renew}: {@link Renewed} or {@link Lost}. */
public sealed interface RenewResult permits RenewResult.Renewed, RenewResult.Lost {

    /** The lease that was to be renewed. */
    LockLease lease();

    /**
     * The lock is still ours, until the new expiry.
     *
     * @param lease     the lease
     * @param expiresAt when the lease now ends unless renewed again
     */
    record Renewed(LockLease lease, Instant expiresAt) implements RenewResult {

        public Renewed {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * The lock is no longer held under this lease: it was force-unlocked, or it expired and another owner took it.
     *
     * @param lease  the lease that is no longer valid
     * @param holder who holds the lock now, if anybody does
     */
    record Lost(LockLease lease, Optional<LockHolder> holder) implements RenewResult {

        public Lost {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(holder, "holder");
        }

        /** For the log and the operator: which lease was lost and who holds the lock now. */
        public String describe() {
            return "Lost migration lock '" + lease.lockName() + "' held as " + lease.owner() + " (fencing token "
                    + lease.fencingToken() + "): " + holder.map(h -> "it is now held by " + h.describe())
                    .orElse("nobody holds it now (it was force-unlocked, or it expired and changed hands since)");
        }
    }
}
