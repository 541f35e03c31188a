package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.rewrite.RewriteStore;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A rewrite's checkpoints and saved context in {@code recast_checkpoint} and {@code recast_context}. */
public final class CassandraRewriteStore implements RewriteStore {

    private final CqlSession session;
    private final CassandraRetry retry;
    private final String keyspace;
    private final PreparedStatement selectSlices;
    private final PreparedStatement insertSlice;
    private final PreparedStatement selectContext;
    private final PreparedStatement insertContext;

    /** Needs the tables of {@link RecastTables#create}; waits up to 5 minutes for a Cassandra that does not answer. */
    public CassandraRewriteStore(CqlSession session, String keyspace) {
        this(session, keyspace, new CassandraRetry(session, CassandraRetry.DEFAULT_GIVE_UP_AFTER,
                io.recast.engine.migration.WriteFence.NONE));
    }

    /** Needs the tables of {@link RecastTables#create}; reads and writes through {@code retry}. */
    public CassandraRewriteStore(CqlSession session, String keyspace, CassandraRetry retry) {
        this.session = session;
        this.retry = retry;
        this.keyspace = keyspace;
        this.selectSlices = session.prepare("SELECT slice FROM " + keyspace + "." + RecastTables.CHECKPOINT
                + " WHERE run_id = ?");
        this.insertSlice = session.prepare("INSERT INTO " + keyspace + "." + RecastTables.CHECKPOINT
                + " (run_id, slice, done_at) VALUES (?, ?, ?)");
        this.selectContext = session.prepare("SELECT context FROM " + keyspace + "." + RecastTables.CONTEXT
                + " WHERE run_id = ?");
        this.insertContext = session.prepare("INSERT INTO " + keyspace + "." + RecastTables.CONTEXT
                + " (run_id, context, saved_at) VALUES (?, ?, ?)");
    }

    @Override
    public Set<Integer> completedSlices(String runId) {
        return retry.read("reading the checkpoints of run " + runId,
                () -> session.execute(selectSlices.bind(runId)).all()).stream().map(row -> row.getInt(0))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void sliceCompleted(String runId, int slice) {
        Instant now = Instant.now();
        retry.write("checkpointing range " + slice + " of run " + runId,
                () -> session.execute(insertSlice.bind(runId, slice, now).setIdempotent(true)));
    }

    @Override
    public Optional<byte[]> context(String runId) {
        Row row = retry.read("reading the context of run " + runId,
                () -> session.execute(selectContext.bind(runId)).one());
        if (row == null || row.isNull(0)) {
            return Optional.empty();
        }
        ByteBuffer buffer = row.getByteBuffer(0);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Optional.of(bytes);
    }

    @Override
    public void saveContext(String runId, byte[] context) {
        Instant now = Instant.now();
        retry.write("saving the context of run " + runId,
                () -> session.execute(insertContext.bind(runId, ByteBuffer.wrap(context), now).setIdempotent(true)));
    }

    /** Forgets a run's checkpoints and saved context, so that the same run id starts from scratch (after a rollback). */
    public void forget(String runId) {
        session.execute("DELETE FROM " + keyspace + "." + RecastTables.CHECKPOINT + " WHERE run_id = ?", runId);
        session.execute("DELETE FROM " + keyspace + "." + RecastTables.CONTEXT + " WHERE run_id = ?", runId);
    }
}
