package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How many writes each Cassandra node has applied to the journal's {@code messages} since it started, from
 * {@code system_views.local_write_latency} (Cassandra 4.0 and later). Two readings that are equal prove that nothing
 * wrote to the journal in between, without reading it.
 */
public final class JournalWrites {

    private final CqlSession session;
    private final String keyspace;

    public JournalWrites(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    }

    /** The keyspace whose {@code messages} is counted. */
    public String keyspace() {
        return keyspace;
    }

    /**
     * The count of every node now.
     *
     * @throws RuntimeException the driver's error when a node cannot be asked
     */
    public Reading read() {
        Map<UUID, Long> counts = new HashMap<>();
        for (Node node : session.getMetadata().getNodes().values()) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT count FROM system_views.local_write_latency"
                    + " WHERE keyspace_name = ? AND table_name = ?", keyspace, JournalSchema.MESSAGES)
                    .setNode(node)).one();
            counts.put(node.getHostId(), row == null ? 0L : row.getLong(0));
        }
        return new Reading(Map.copyOf(counts));
    }

    /** The count of every node (by host id) at one moment, or nothing when a node could not be asked. */
    public Optional<Reading> tryRead() {
        try {
            return Optional.of(read());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Each node's count of writes to {@code messages}, by host id. */
    public record Reading(Map<UUID, Long> counts) {

        /**
         * The writes between {@code earlier} and this reading, summed over the nodes that both readings asked; a
         * node that is in only one of them (it joined, left, or could not be asked) counts as unknown: -1.
         */
        public long writesSince(Reading earlier) {
            if (!counts.keySet().equals(earlier.counts.keySet())) {
                return -1;
            }
            long written = 0;
            for (Map.Entry<UUID, Long> node : counts.entrySet()) {
                long delta = node.getValue() - earlier.counts.get(node.getKey());
                if (delta < 0) {
                    // the node restarted meanwhile: its count started again from 0
                    return -1;
                }
                written += delta;
            }
            return written;
        }
    }
}
