package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offsets that Pekko Projection's Cassandra offset store keeps ({@code offset_store}) and its management table
 * ({@code projection_management}, the paused flags), read and cleared directly, whether or not the projections run:
 * the reset before a replay clears the offsets of the projections the configuration names, so that they start again
 * from the beginning of the journal.
 *
 * <p>Both tables are keyed by {@code ((projection_name, partition), projection_key)}; rows are found by a scan of
 * the table (offset tables hold one row per projection instance, so they are small), which needs no knowledge of
 * how the offset store spreads keys over partitions.
 */
public final class ProjectionOffsets {

    /** Where Pekko Projection keeps its offsets ({@code pekko.projection.cassandra.offset-store}). */
    public record Tables(String keyspace, String offsetTable, String managementTable) {

        public Tables {
            Objects.requireNonNull(keyspace, "keyspace");
            Objects.requireNonNull(offsetTable, "offsetTable");
            Objects.requireNonNull(managementTable, "managementTable");
        }

        /** Pekko Projection's defaults: {@code pekko_projection.offset_store} and {@code projection_management}. */
        public static Tables defaults() {
            return new Tables("pekko_projection", "offset_store", "projection_management");
        }

        /** The default table names in another keyspace. */
        public static Tables in(String keyspace) {
            return new Tables(keyspace, "offset_store", "projection_management");
        }
    }

    /**
     * What a clear did.
     *
     * @param offsetsCleared    per projection name, the keys whose offset was deleted
     * @param managementCleared per projection name, the keys whose management row (paused flag) was deleted
     * @param missingTables     tables that do not exist (nothing to clear there)
     * @param duration          the wall-clock time
     */
    public record ClearResult(Map<String, Set<String>> offsetsCleared, Map<String, Set<String>> managementCleared,
                              List<String> missingTables, Duration duration) {

        public ClearResult {
            offsetsCleared = Map.copyOf(offsetsCleared);
            managementCleared = Map.copyOf(managementCleared);
            missingTables = List.copyOf(missingTables);
            Objects.requireNonNull(duration, "duration");
        }

        /** How many offset rows were deleted. */
        public int offsetRowsCleared() {
            return offsetsCleared.values().stream().mapToInt(Set::size).sum();
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;
    private final Tables tables;

    public ProjectionOffsets(CqlSession session, Tables tables) {
        this.session = Objects.requireNonNull(session, "session");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /**
     * The stored offsets of a projection, per key, as the offset store wrote them (text and manifest, e.g.
     * {@code 41} and {@code LONG}); empty when it has none or the table does not exist.
     */
    public Map<String, StoredOffset> offsets(String projectionName) {
        Map<String, StoredOffset> offsets = new TreeMap<>();
        if (!exists(tables.offsetTable())) {
            return offsets;
        }
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT projection_name, projection_key, offset,"
                + " manifest FROM " + tables.keyspace() + "." + tables.offsetTable()).setTimeout(TIMEOUT))) {
            if (projectionName.equals(row.getString(0))) {
                offsets.put(row.getString(1), new StoredOffset(row.getString(2), row.getString(3)));
            }
        }
        return offsets;
    }

    /** One stored offset: its text and the manifest naming its type. */
    public record StoredOffset(String offset, String manifest) {
    }

    /**
     * Deletes the offsets and management rows of the named projections (every key of each name), so they start
     * from the beginning when they run next. Other projections' rows are untouched. Must not run while those
     * projections run (they would store their offset again).
     */
    public ClearResult clear(Set<String> projectionNames) {
        return clear(projectionNames, io.recast.engine.migration.WriteFence.NONE);
    }

    /**
     * As {@link #clear(Set)}, checking {@code fence} before each delete (the migration lock: a runner that lost it
     * deletes nothing more).
     */
    public ClearResult clear(Set<String> projectionNames, io.recast.engine.migration.WriteFence fence) {
        long started = System.nanoTime();
        List<String> missing = new ArrayList<>();
        Map<String, Set<String>> offsets = clearTable(tables.offsetTable(), projectionNames, missing, fence);
        Map<String, Set<String>> management = clearTable(tables.managementTable(), projectionNames, missing, fence);
        return new ClearResult(offsets, management, missing, Duration.ofNanos(System.nanoTime() - started));
    }

    private Map<String, Set<String>> clearTable(String table, Set<String> names, List<String> missing,
                                                io.recast.engine.migration.WriteFence fence) {
        Map<String, Set<String>> cleared = new LinkedHashMap<>();
        if (!exists(table)) {
            missing.add(tables.keyspace() + "." + table);
            return cleared;
        }
        String qualified = tables.keyspace() + "." + table;
        PreparedStatement delete = session.prepare("DELETE FROM " + qualified
                + " WHERE projection_name = ? AND partition = ? AND projection_key = ?");
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT projection_name, partition, projection_key"
                + " FROM " + qualified).setTimeout(TIMEOUT))) {
            String name = row.getString(0);
            if (names.contains(name)) {
                fence.check();
                session.execute(delete.bind(name, row.getInt(1), row.getString(2)));
                cleared.computeIfAbsent(name, n -> new TreeSet<>()).add(row.getString(2));
            }
        }
        return cleared;
    }

    private boolean exists(String table) {
        return session.getMetadata().getKeyspace(tables.keyspace())
                .flatMap(keyspace -> keyspace.getTable(table)).isPresent();
    }
}
