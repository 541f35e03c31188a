package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.JournalRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every row of a journal's {@code messages}, for comparisons in tests. */
record JournalDump(Map<String, List<JournalRow>> rows) {

    static JournalDump of(CqlSession session, String keyspace) {
        Map<String, List<JournalRow>> rows = new TreeMap<>();
        session.execute(SimpleStatement.newInstance("SELECT " + JournalRow.COLUMNS + " FROM " + keyspace + ".messages")
                .setPageSize(2000)).forEach(row -> {
                    JournalRow journalRow = JournalRow.from(row);
                    rows.computeIfAbsent(journalRow.persistenceId(), k -> new ArrayList<>()).add(journalRow);
                });
        rows.values().forEach(list -> list.sort((a, b) -> Long.compare(a.sequenceNr(), b.sequenceNr())));
        return new JournalDump(rows);
    }

    long events() {
        return rows.values().stream().mapToLong(List::size).sum();
    }

    /** Per persistence id, what the events say (sequence number, manifest, payload, tags), not when they were written. */
    Map<String, List<String>> contents() {
        Map<String, List<String>> contents = new TreeMap<>();
        rows.forEach((pid, list) -> contents.put(pid, list.stream().map(r -> r.sequenceNr() + " " + r.serManifest()
                + " " + new String(r.event(), StandardCharsets.UTF_8) + " " + new TreeSet<>(r.tags())).toList()));
        return contents;
    }
}
