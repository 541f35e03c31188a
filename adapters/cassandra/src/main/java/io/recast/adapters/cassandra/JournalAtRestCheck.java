package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.recast.engine.plan.PreflightCheck;
import io.recast.engine.plan.PreflightResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Preflight: nothing writes to the journal's {@code messages} (the service is stopped). Reads each node's count of
 * local writes to the table ({@code system_views.local_write_latency}, Cassandra 4.0 and later), waits, reads it
 * again; any write in between refuses the migration.
 */
public final class JournalAtRestCheck implements PreflightCheck {

    private final CqlSession session;
    private final String keyspace;
    private final Duration window;

    /**
     * @param window how long to watch for writes
     */
    public JournalAtRestCheck(CqlSession session, String keyspace, Duration window) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        this.window = Objects.requireNonNull(window, "window");
    }

    @Override
    public String name() {
        return "journal at rest";
    }

    @Override
    public PreflightResult check() {
        Map<Node, Long> before;
        try {
            before = writeCounts();
        } catch (RuntimeException e) {
            return PreflightResult.fail("cannot read the write counts of " + keyspace + ".messages from"
                    + " system_views.local_write_latency (" + e.getMessage() + "); make sure the service is stopped"
                    + " and set recast.preflight.at-rest-seconds = 0 to skip this check");
        }
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PreflightResult.fail("interrupted while watching for writes");
        }
        Map<Node, Long> after = writeCounts();
        long written = 0;
        for (Map.Entry<Node, Long> node : after.entrySet()) {
            written += node.getValue() - before.getOrDefault(node.getKey(), node.getValue());
        }
        if (written > 0) {
            return PreflightResult.fail(written + " writes to " + keyspace + ".messages in the last "
                    + window.toSeconds() + " s: stop the service (every writer of the journal) and run again");
        }
        return PreflightResult.pass("no write to " + keyspace + ".messages in " + window.toSeconds() + " s on "
                + after.size() + " node(s)");
    }

    private Map<Node, Long> writeCounts() {
        Map<Node, Long> counts = new HashMap<>();
        for (Node node : session.getMetadata().getNodes().values()) {
            Row row = session.execute(SimpleStatement.newInstance("SELECT count FROM system_views.local_write_latency"
                    + " WHERE keyspace_name = ? AND table_name = ?", keyspace, JournalSchema.MESSAGES)
                    .setNode(node)).one();
            counts.put(node, row == null ? 0L : row.getLong(0));
        }
        return counts;
    }
}
