package io.recast.engine.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MigrationLock#forceUnlock} did.
 *
 * @param lockName       the lock
 * @param previousHolder who held it, if anybody did
 */
public record ForceUnlockResult(String lockName, Optional<LockHolder> previousHolder) {

    public ForceUnlockResult {
        Objects.requireNonNull(lockName, "lockName");
        Objects.requireNonNull(previousHolder, "previousHolder");
    }

    /** For the operator: who held the lock, and a warning that a holder still running goes on until it renews. */
    public String describe() {
        return previousHolder.map(holder -> "Force-unlocked migration lock '" + lockName + "', held by "
                        + holder.describe() + ". WARNING: if that runner is still running, it goes on until its next"
                        + " renewal (a third of its lease) finds the lock lost and stops it; until then two runners"
                        + " may migrate at once. Make sure it is stopped before starting another run.")
                .orElse("Migration lock '" + lockName + "' was not held: nothing to unlock.");
    }
}
