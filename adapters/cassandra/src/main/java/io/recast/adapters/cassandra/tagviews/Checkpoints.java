package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.RecastTables;
import io.recast.adapters.cassandra.WriteTimestamps;
import io.recast.engine.migration.WriteFence;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rebuild's finished token ranges in Recast's {@code recast_checkpoint} table: one row (run id, range index) per
 * range whose writes have all succeeded. The run also records its number of ranges, as a row with the negative
 * slice {@code -rangeCount}, so that a resume with another split (whose range indexes mean other tokens) is refused.
 * Every write (and the forgetting) checks the run's {@link WriteFence} first.
 */
final class Checkpoints {

    /** The statement of {@code RecastTables.create}, so that the table is the same whoever creates it first. */
    static String createTable(String keyspace) {
        return "CREATE TABLE IF NOT EXISTS " + keyspace + "." + RecastTables.CHECKPOINT
                + " (run_id text, slice int, done_at timestamp, PRIMARY KEY (run_id, slice))";
    }

    private final CqlSession session;
    private final String runId;
    private final int rangeCount;
    private final ConsistencyLevel consistency;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final WriteFence fence;

    Checkpoints(CqlSession session, String keyspace, String runId, int rangeCount, ConsistencyLevel consistency,
                WriteFence fence) {
        this.session = session;
        this.fence = fence;
        this.runId = runId;
        this.rangeCount = rangeCount;
        this.consistency = consistency;
        session.execute(createTable(keyspace));
        String table = keyspace + "." + RecastTables.CHECKPOINT;
        this.select = session.prepare("SELECT slice FROM " + table + " WHERE run_id = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (run_id, slice, done_at) VALUES (?, ?, ?)");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE run_id = ?");
    }

    /**
     * The indexes of the ranges this run has finished; records the run's range count on its first call.
     *
     * @throws IllegalStateException if the run was started with another number of ranges
     */
    Set<Integer> startOrResume() {
        Set<Integer> done = new TreeSet<>();
        Integer recordedCount = null;
        for (Row row : session.execute(select.bind(runId).setConsistencyLevel(consistency))) {
            int slice = row.getInt(0);
            if (slice < 0) {
                recordedCount = -slice;
            } else {
                done.add(slice);
            }
        }
        if (recordedCount != null && recordedCount != rangeCount) {
            throw new IllegalStateException("Tag view rebuild " + runId + " was started with " + recordedCount
                    + " token ranges; resume it with the same number (not " + rangeCount + "), or use a new run id");
        }
        if (recordedCount == null) {
            write(-rangeCount);
        }
        for (int slice : done) {
            if (slice >= rangeCount) {
                throw new IllegalStateException("Tag view rebuild " + runId + " has a checkpoint for range " + slice
                        + ", beyond the " + rangeCount + " ranges of this run");
            }
        }
        return done;
    }

    /** The indexes of the ranges this run has finished. */
    Set<Integer> completed() {
        Set<Integer> done = new TreeSet<>();
        for (Row row : session.execute(select.bind(runId).setConsistencyLevel(consistency))) {
            if (row.getInt(0) >= 0) {
                done.add(row.getInt(0));
            }
        }
        return done;
    }

    /** Records a finished range. */
    void done(int slice) {
        write(slice);
    }

    /** Forgets the run, so that its id starts from scratch. */
    void forget() {
        fence.check();
        session.execute(delete.bind(runId).setConsistencyLevel(consistency));
    }

    private void write(int slice) {
        fence.check();
        long checkedAt = WriteTimestamps.next();
        session.execute(insert.bind(runId, slice, Instant.ofEpochMilli(checkedAt / 1_000)).setQueryTimestamp(checkedAt)
                .setConsistencyLevel(consistency).setIdempotent(true));
    }
}
