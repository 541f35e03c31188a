package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.recast.engine.migration.ForceUnlockResult;
import io.recast.engine.migration.LockAttempt;
import io.recast.engine.migration.LockHolder;
import io.recast.engine.migration.LockLease;
import io.recast.engine.migration.LockRequest;
import io.recast.engine.migration.MigrationLock;
import io.recast.engine.migration.RenewResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock in {@code recast_lock}, one row per lock, changed only by lightweight transactions (Paxos, serial
 * consistency {@code SERIAL}, so that one lock holds across datacenters).
 *
 * <p>The row keeps its {@code fencing_token} for ever; only the holder's cells ({@code owner}, {@code acquired_at},
 * {@code expires_at}) come and go:
 * <ul>
 *   <li>acquire reads the row at {@code SERIAL}; a live holder refuses. A missing row is created with
 *       {@code INSERT ... IF NOT EXISTS} and token 1; an expired or released holding is taken over with
 *       {@code UPDATE ... IF fencing_token = ? AND expires_at = ?} on exactly the values read, with the token plus one.
 *       Of owners racing for the lock exactly one compare-and-set applies; the others read again and are refused;</li>
 *   <li>renew sets {@code expires_at} {@code IF owner = ? AND fencing_token = ?}, so it fails once the lock changed
 *       hands or was force-unlocked;</li>
 *   <li>release and force unlock delete the holder's cells {@code IF} the token is still the one held.</li>
 * </ul>
 *
 * <p>Expiry is the {@code expires_at} that the holder wrote, compared with the clock of whoever reads it, so the
 * runners' clocks must agree to well within a lease. Nothing uses a TTL: a row that expired by TTL would take its
 * fencing token with it (a later holder would start again from 1), and a renewal would have to rewrite every cell to
 * keep the row alive. Because the token only grows within the row, it grows every time the lock changes hands, and a
 * renewal that succeeds proves that nobody else held the lock since it was acquired.
 */
public final class CassandraLeaseLock implements MigrationLock {

    private static final Logger log = LoggerFactory.getLogger(CassandraLeaseLock.class);

    /** Compare-and-set rounds that one acquire or force unlock tries before giving up on a lock that keeps moving. */
    private static final int MAX_ROUNDS = 10;
    private static final ConsistencyLevel SERIAL = DefaultConsistencyLevel.SERIAL;
    private static final ConsistencyLevel COMMIT = DefaultConsistencyLevel.QUORUM;

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement takeOver;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    private final PreparedStatement forceRelease;

    /** Creates {@code recast_lock} in the keyspace if missing and prepares the statements. */
    public CassandraLeaseLock(CqlSession session, String keyspace) {
        this.session = session;
        session.execute(createTable(keyspace));
        String table = keyspace + "." + RecastTables.LOCK;
        this.select = session.prepare("SELECT owner, acquired_at, expires_at, fencing_token FROM " + table
                + " WHERE name = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (name, owner, acquired_at, expires_at, fencing_token)"
                + " VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
        this.takeOver = session.prepare("UPDATE " + table + " SET owner = ?, acquired_at = ?, expires_at = ?,"
                + " fencing_token = ? WHERE name = ? IF fencing_token = ? AND expires_at = ?");
        this.renew = session.prepare("UPDATE " + table + " SET expires_at = ? WHERE name = ?"
                + " IF owner = ? AND fencing_token = ?");
        this.release = session.prepare("DELETE owner, acquired_at, expires_at FROM " + table + " WHERE name = ?"
                + " IF owner = ? AND fencing_token = ?");
        this.forceRelease = session.prepare("DELETE owner, acquired_at, expires_at FROM " + table + " WHERE name = ?"
                + " IF fencing_token = ?");
    }

    /** The lock table: one row per lock name. */
    static String createTable(String keyspace) {
        return "CREATE TABLE IF NOT EXISTS " + keyspace + "." + RecastTables.LOCK
                + " (name text PRIMARY KEY, owner text, acquired_at timestamp, expires_at timestamp,"
                + " fencing_token bigint)";
    }

    /**
     * Compare-and-sets until it applies or a live holder refuses. A compare-and-set whose outcome Cassandra could not
     * tell (a timed-out Paxos round) shows in the next serial read, which completes it: a row held by this owner under
     * a token this call proposed is this call's acquisition.
     */
    @Override
    public LockAttempt tryAcquire(LockRequest request) {
        String name = request.lockName();
        Set<Long> proposed = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Row row = read(name);
            Instant now = now();
            Optional<LockHolder> current = holderOf(row);
            if (current.isPresent() && current.get().owner().equals(request.owner())
                    && proposed.contains(current.get().fencingToken())) {
                return acquired(name, current.get(), request);
            }
            if (current.isPresent() && !current.get().expired(now)) {
                return new LockAttempt.Refused(name, current.get());
            }
            long token = row == null ? 1 : row.getLong("fencing_token") + 1;
            Instant expiresAt = now.plus(request.lease()).truncatedTo(ChronoUnit.MILLIS);
            BoundStatement write = row == null
                    ? insert.bind(name, request.owner(), now, expiresAt, token)
                    : takeOver.bind(request.owner(), now, expiresAt, token, name, row.getLong("fencing_token"),
                            row.getInstant("expires_at"));
            proposed.add(token);
            try {
                if (execute(write).wasApplied()) {
                    return acquired(name, new LockHolder(request.owner(), now, expiresAt, token), request);
                }
            } catch (WriteTimeoutException | CASWriteUnknownException e) {
                log.debug("Outcome of acquiring migration lock '{}' unknown ({}); reading it again", name, e.toString());
            }
        }
        throw new IllegalStateException("Migration lock '" + name + "' changed hands " + MAX_ROUNDS + " times while "
                + request.owner() + " tried to acquire it; try again");
    }

    @Override
    public RenewResult renew(LockLease lease) {
        Instant expiresAt = now().plus(lease.lease()).truncatedTo(ChronoUnit.MILLIS);
        if (execute(renew.bind(expiresAt, lease.lockName(), lease.owner(), lease.fencingToken())).wasApplied()) {
            return new RenewResult.Renewed(lease, expiresAt);
        }
        return new RenewResult.Lost(lease, holder(lease.lockName()));
    }

    @Override
    public void release(LockLease lease) {
        execute(release.bind(lease.lockName(), lease.owner(), lease.fencingToken()));
    }

    @Override
    public Optional<LockHolder> holder(String lockName) {
        Instant now = now();
        return holderOf(read(lockName)).filter(holder -> !holder.expired(now));
    }

    /** Deletes the holder's cells if they are still those read, so that the holder reported is the one removed. */
    @Override
    public ForceUnlockResult forceUnlock(String lockName) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Row row = read(lockName);
            Optional<LockHolder> current = holderOf(row);
            if (current.isEmpty()) {
                return new ForceUnlockResult(lockName, Optional.empty());
            }
            if (execute(forceRelease.bind(lockName, current.get().fencingToken())).wasApplied()) {
                return new ForceUnlockResult(lockName, current);
            }
        }
        throw new IllegalStateException("Migration lock '" + lockName + "' changed hands " + MAX_ROUNDS
                + " times during the force unlock; try again");
    }

    private ResultSet execute(BoundStatement write) {
        return session.execute(write.setConsistencyLevel(COMMIT).setSerialConsistencyLevel(SERIAL));
    }

    /** The lock's row, read through Paxos: it sees every applied compare-and-set and completes one in progress. */
    private Row read(String lockName) {
        return session.execute(select.bind(lockName).setConsistencyLevel(SERIAL)).one();
    }

    private static Optional<LockHolder> holderOf(Row row) {
        if (row == null || row.isNull("owner")) {
            return Optional.empty();
        }
        return Optional.of(new LockHolder(row.getString("owner"), row.getInstant("acquired_at"),
                row.getInstant("expires_at"), row.getLong("fencing_token")));
    }

    private static LockAttempt.Acquired acquired(String name, LockHolder holder, LockRequest request) {
        return new LockAttempt.Acquired(new LockLease(name, holder.owner(), holder.fencingToken(), request.lease()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
