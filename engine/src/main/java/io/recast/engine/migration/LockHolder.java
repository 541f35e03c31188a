package io.recast.engine.migration;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a lock, as the store records it.
 *
 * @param owner        the holder's owner id
 * @param acquiredAt   when it took the lock
 * @param expiresAt    when its lease ends unless it renews it
 * @param fencingToken the token it took the lock with
 */
public record LockHolder(String owner, Instant acquiredAt, Instant expiresAt, long fencingToken) {

    public LockHolder {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the lease has ended at {@code now}: the lock is free to take over. */
    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** For messages: {@code owner since acquiredAt (fencing token n), lease until expiresAt}. */
    public String describe() {
        return owner + " since " + acquiredAt + " (fencing token " + fencingToken + "), lease until " + expiresAt;
    }
}
