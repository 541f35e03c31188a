package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.engine.migration.WriteFence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Empties the tag views of a journal keyspace: {@code TRUNCATE}s {@code tag_views}, {@code tag_write_progress} and
 * {@code tag_scanning}, and nothing else (never {@code messages}, {@code metadata} or {@code all_persistence_ids}).
 * This is what the plugin's {@code Reconciliation.truncateTagView} does, and it must likewise run while no persistent
 * actor of the journal runs: a running tag writer keeps its counters in memory and would go on numbering from them.
 *
 * <p>{@code TRUNCATE} needs every replica up and drops the data at once (no tombstones).
 */
public final class TagViewReset {

    /** The tables this reset empties, in the order it empties them. */
    public static final List<String> TABLES = List.of(JournalSchema.TAG_VIEWS, JournalSchema.TAG_WRITE_PROGRESS,
            JournalSchema.TAG_SCANNING);

    private static final Duration TRUNCATE_TIMEOUT = Duration.ofMinutes(2);

    private final CqlSession session;
    private final String keyspace;

    /**
     * @param keyspace the journal keyspace ({@code journal.keyspace}, {@code pekko} by default)
     */
    public TagViewReset(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Names.keyspace(keyspace);
    }

    /**
     * What a reset did.
     *
     * @param keyspace        the journal keyspace
     * @param tablesTruncated the tables truncated, in order (always {@link #TABLES} when the reset returns)
     * @param duration        the wall-clock time it took
     */
    public record Result(String keyspace, List<String> tablesTruncated, Duration duration) {

        public Result {
            Objects.requireNonNull(keyspace, "keyspace");
            tablesTruncated = List.copyOf(tablesTruncated);
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Truncates the three tables.
     *
     * @throws IllegalStateException if one of them does not exist (nothing is truncated then)
     */
    public Result reset() {
        return reset(WriteFence.NONE);
    }

    /**
     * Truncates the three tables, checking {@code fence} before each truncate (the migration lock: a runner that lost
     * it truncates nothing more).
     *
     * @throws IllegalStateException if one of them does not exist (nothing is truncated then)
     * @throws io.recast.engine.migration.LockLostException if the fence says the lock was lost
     */
    public Result reset(WriteFence fence) {
        long started = System.nanoTime();
        for (String table : TABLES) {
            Names.requireTable(session, keyspace, table);
        }
        List<String> truncated = new ArrayList<>();
        for (String table : TABLES) {
            fence.check();
            session.execute(SimpleStatement.newInstance("TRUNCATE " + keyspace + "." + table)
                    .setTimeout(TRUNCATE_TIMEOUT));
            truncated.add(table);
        }
        return new Result(keyspace, truncated, Duration.ofNanos(System.nanoTime() - started));
    }
}
