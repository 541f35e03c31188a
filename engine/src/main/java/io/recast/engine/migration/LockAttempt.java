package io.recast.engine.migration;

import java.util.Objects;

/** The outcome of {@link MigrationLock#tryAcquire}: {@link Acquired} or {@link Refused}. */
public sealed interface LockAttempt permits LockAttempt.Acquired, LockAttempt.Refused {

    /** For the log and the operator. */
    String describe();

    /**
     * The lock is ours until the lease expires; renew it to keep it.
     *
     * @param lease what renewing and releasing it need
     */
    record Acquired(LockLease lease) implements LockAttempt {

        public Acquired {
            Objects.requireNonNull(lease, "lease");
        }

        @Override
        public String describe() {
            return "Acquired migration lock '" + lease.lockName() + "' as " + lease.owner() + " (fencing token "
                    + lease.fencingToken() + ", lease " + lease.lease().toMillis() + " ms)";
        }
    }

    /**
     * Another owner holds the lock and its lease has not expired.
     *
     * @param lockName the lock
     * @param holder   who holds it
     */
    record Refused(String lockName, LockHolder holder) implements LockAttempt {

        public Refused {
            Objects.requireNonNull(lockName, "lockName");
            Objects.requireNonNull(holder, "holder");
        }

        @Override
        public String describe() {
            return "Migration lock '" + lockName + "' is held by " + holder.describe() + ": another runner is"
                    + " migrating this keyspace. Wait for it to finish. If that runner crashed, its lock frees itself"
                    + " when its lease expires (at " + holder.expiresAt() + "): run again then, or wait for it. If you"
                    + " are sure that runner is gone or stuck and stopped, free the lock at once with --force-unlock.";
        }
    }
}
