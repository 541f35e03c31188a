package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.JournalSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every row of the three tag tables of a keyspace, read with {@code SELECT *}: per table, the rows by primary key,
 * each row as column name to value (blobs as their bytes in hex, so that rows compare and print by content).
 */
record TagTables(Map<String, Map<String, Object>> tagViews, Map<String, Map<String, Object>> progress,
                 Map<String, Map<String, Object>> scanning) {

    static final List<String> TAG_VIEWS_KEY = List.of("tag_name", "timebucket", "timestamp", "persistence_id",
            "tag_pid_sequence_nr");
    static final List<String> PROGRESS_KEY = List.of("persistence_id", "tag");
    static final List<String> SCANNING_KEY = List.of("persistence_id");

    static TagTables read(CqlSession session, String keyspace) {
        return new TagTables(table(session, keyspace, JournalSchema.TAG_VIEWS, TAG_VIEWS_KEY),
                table(session, keyspace, JournalSchema.TAG_WRITE_PROGRESS, PROGRESS_KEY),
                table(session, keyspace, JournalSchema.TAG_SCANNING, SCANNING_KEY));
    }

    private static Map<String, Map<String, Object>> table(CqlSession session, String keyspace, String table,
                                                          List<String> key) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Row row : session.execute("SELECT * FROM " + keyspace + "." + table)) {
            Map<String, Object> columns = new TreeMap<>();
            for (ColumnDefinition column : row.getColumnDefinitions()) {
                String name = column.getName().asInternal();
                Object value = row.getObject(name);
                columns.put(name, value instanceof ByteBuffer bytes ? hex(bytes) : value);
            }
            List<Object> keyValues = new ArrayList<>();
            for (String column : key) {
                keyValues.add(columns.get(column));
            }
            Object previous = rows.put(keyValues.toString(), columns);
            if (previous != null) {
                throw new IllegalStateException("two rows with key " + keyValues);
            }
        }
        return rows;
    }

    static String hex(ByteBuffer buffer) {
        StringBuilder text = new StringBuilder("0x");
        ByteBuffer copy = buffer.duplicate();
        while (copy.hasRemaining()) {
            text.append(String.format("%02x", copy.get()));
        }
        return text.toString();
    }

    /** These tables with the given columns left out of every row of the given table (for named exceptions). */
    TagTables without(String table, Set<String> columns) {
        return new TagTables(JournalSchema.TAG_VIEWS.equals(table) ? strip(tagViews, columns) : tagViews,
                JournalSchema.TAG_WRITE_PROGRESS.equals(table) ? strip(progress, columns) : progress,
                JournalSchema.TAG_SCANNING.equals(table) ? strip(scanning, columns) : scanning);
    }

    private static Map<String, Map<String, Object>> strip(Map<String, Map<String, Object>> rows, Set<String> columns) {
        Map<String, Map<String, Object>> stripped = new TreeMap<>();
        rows.forEach((key, row) -> {
            Map<String, Object> copy = new TreeMap<>(row);
            copy.keySet().removeAll(columns);
            stripped.put(key, copy);
        });
        return stripped;
    }

    int size() {
        return tagViews.size() + progress.size() + scanning.size();
    }

    /** The differences with another reading, at most {@code limit} lines of them; empty when equal. */
    String differences(TagTables other, int limit) {
        List<String> lines = new ArrayList<>();
        diff(JournalSchema.TAG_VIEWS, tagViews, other.tagViews, lines);
        diff(JournalSchema.TAG_WRITE_PROGRESS, progress, other.progress, lines);
        diff(JournalSchema.TAG_SCANNING, scanning, other.scanning, lines);
        if (lines.isEmpty()) {
            return "";
        }
        return lines.size() + " differences, the first ones:\n"
                + String.join("\n", lines.subList(0, Math.min(limit, lines.size())));
    }

    private static void diff(String table, Map<String, Map<String, Object>> mine,
                             Map<String, Map<String, Object>> theirs, List<String> lines) {
        Set<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        for (String key : keys) {
            Map<String, Object> a = mine.get(key);
            Map<String, Object> b = theirs.get(key);
            if (a == null) {
                lines.add(table + " " + key + ": only in the second: " + b);
            } else if (b == null) {
                lines.add(table + " " + key + ": only in the first: " + a);
            } else if (!a.equals(b)) {
                Set<String> columns = new TreeSet<>(a.keySet());
                columns.addAll(b.keySet());
                for (String column : columns) {
                    if (!Objects.equals(a.get(column), b.get(column))) {
                        lines.add(table + " " + key + ": " + column + " " + a.get(column) + " vs " + b.get(column));
                    }
                }
            }
        }
    }
}
