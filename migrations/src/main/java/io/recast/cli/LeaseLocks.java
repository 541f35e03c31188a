package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraLeaseLock;
import io.recast.engine.migration.ForceUnlockResult;
import io.recast.engine.migration.HeldLock;
import io.recast.engine.migration.LockHolder;
import io.recast.engine.migration.LockRefusedException;
import io.recast.engine.migration.LockRequest;
import io.recast.engine.migration.OwnerIds;
import io.recast.engine.plan.MigrationRefusedException;
import io.recast.engine.plan.RunnerLock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** The migration lock of a journal keyspace ({@code recast_lock}, name {@value #LOCK_NAME}), as runners use it. */
final class LeaseLocks {

    /** One lock per journal keyspace: every migration of the journal takes it. */
    static final String LOCK_NAME = "migration";

    private LeaseLocks() {
    }

    /**
     * Takes the lock for this process, waiting up to {@code wait}, and keeps it with a heartbeat.
     *
     * @throws MigrationRefusedException naming the holder when it is not free in time
     */
    static RunnerLock acquire(CqlSession session, String keyspace, Duration lease, Duration wait, PrintStream out) {
        String owner = OwnerIds.newRunner();
        HeldLock held;
        try {
            held = HeldLock.acquire(new CassandraLeaseLock(session, keyspace),
                    new LockRequest(LOCK_NAME, owner, lease), wait);
        } catch (LockRefusedException e) {
            throw new MigrationRefusedException("of " + keyspace, List.of(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the migration lock of " + keyspace, e);
        }
        return new RunnerLock() {
            @Override
            public void checkHeld() {
                // a lease unconfirmed for a while (an outage of Cassandra, a paused JVM) is renewed now, not refused
                held.confirmHeld();
            }

            @Override
            public io.recast.engine.migration.WriteFence fence() {
                return held.fence();
            }

            @Override
            public String owner() {
                return owner + " (fencing token " + held.lease().fencingToken() + ")";
            }

            @Override
            public void close() {
                held.close();
            }
        };
    }

    /** Who holds the lock, for {@code recast status}. */
    static String describeHolder(CqlSession session, String keyspace) {
        boolean exists = session.getMetadata().getKeyspace(keyspace)
                .flatMap(ks -> ks.getTable(io.recast.adapters.cassandra.RecastTables.LOCK)).isPresent();
        if (!exists) {
            return "free (never taken)";
        }
        return new CassandraLeaseLock(session, keyspace).holder(LOCK_NAME).map(LockHolder::describe)
                .orElse("free");
    }

    /** Frees the lock whoever holds it (the operator's {@code --force-unlock}), and says who held it. */
    static String forceUnlock(CqlSession session, String keyspace) {
        ForceUnlockResult result = new CassandraLeaseLock(session, keyspace).forceUnlock(LOCK_NAME);
        return result.describe();
    }
}
