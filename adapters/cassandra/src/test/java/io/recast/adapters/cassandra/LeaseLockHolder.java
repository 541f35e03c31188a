package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.engine.migration.HeldLock;
import io.recast.engine.migration.LockRequest;
import io.recast.engine.migration.OwnerIds;
import io.recast.servers.LocalCassandra;
import java.time.Duration;

/**
 * A runner in its own JVM that takes a migration lock and holds it until it is killed; {@link CassandraLeaseLockIT}
 * starts it. Arguments: native port, keyspace, lock name, lease in milliseconds. Prints {@code ACQUIRED <owner>} once
 * it holds the lock.
 */
final class LeaseLockHolder {

    private LeaseLockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        String keyspace = args[1];
        CqlSession session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", Integer.parseInt(args[0]),
                LocalCassandra.DATACENTER, keyspace));
        HeldLock held = HeldLock.acquire(new CassandraLeaseLock(session, keyspace),
                new LockRequest(args[2], OwnerIds.thisProcess(), Duration.ofMillis(Long.parseLong(args[3]))));
        System.out.println("ACQUIRED " + held.lease().owner());
        Thread.sleep(Long.MAX_VALUE);
    }
}
