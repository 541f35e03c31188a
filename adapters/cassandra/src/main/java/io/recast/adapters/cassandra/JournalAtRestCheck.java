package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.engine.plan.PreflightCheck;
import io.recast.engine.plan.PreflightResult;
import java.time.Duration;
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
        JournalWrites writes = new JournalWrites(session, keyspace);
        JournalWrites.Reading before;
        try {
            before = writes.read();
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
        JournalWrites.Reading after = writes.read();
        long written = after.writesSince(before);
        if (written < 0) {
            return PreflightResult.fail("the nodes of the cluster changed (or one restarted) while watching "
                    + keyspace + ".messages for writes; run again");
        }
        if (written > 0) {
            return PreflightResult.fail(written + " writes to " + keyspace + ".messages in the last "
                    + window.toSeconds() + " s: stop the service (every writer of the journal) and run again");
        }
        return PreflightResult.pass("no write to " + keyspace + ".messages in " + window.toSeconds() + " s on "
                + after.counts().size() + " node(s)");
    }
}
