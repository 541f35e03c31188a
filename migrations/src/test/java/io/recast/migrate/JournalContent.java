package io.recast.migrate;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.JournalRow;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code messages} says, whatever the keyspace and the write times: per {@code persistenceId#sequenceNr} its
 * manifest, payload and tags. Two journals seeded from the same plan and migrated alike have equal contents.
 */
final class JournalContent {

    private JournalContent() {
    }

    static Map<String, String> of(CqlSession session, String keyspace) {
        Map<String, String> content = new TreeMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT " + JournalRow.COLUMNS + " FROM "
                + keyspace + ".messages").setPageSize(2000))) {
            JournalRow r = JournalRow.from(row);
            String previous = content.put(r.persistenceId() + "#" + r.sequenceNr(), r.serManifest() + " "
                    + new String(r.event(), StandardCharsets.UTF_8) + " " + new TreeSet<>(r.tags()));
            if (previous != null) {
                content.put(r.persistenceId() + "#" + r.sequenceNr(), "DUPLICATED " + previous);
            }
        }
        return content;
    }
}
