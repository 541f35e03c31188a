package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.JournalSchema;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code metadata.deleted_to} per persistence id: the highest sequence number deleted with {@code deleteMessages}.
 * Rows at or below it may still be in {@code messages} (a failed physical delete is only logged) and count as
 * deleted. The table holds a row only for ids that had deletes, so it is read whole up front when it is small
 * (at most {@value #PRELOAD_LIMIT} rows), and queried id by id otherwise.
 */
final class DeletedTo {

    static final int PRELOAD_LIMIT = 1_000_000;

    private final Map<String, Long> preloaded;
    private final CqlSession session;
    private final PreparedStatement select;
    private final ConsistencyLevel consistency;

    private DeletedTo(Map<String, Long> preloaded, CqlSession session, PreparedStatement select,
                      ConsistencyLevel consistency) {
        this.preloaded = preloaded;
        this.session = session;
        this.select = select;
        this.consistency = consistency;
    }

    /** Reads the {@code metadata} table of the keyspace; a keyspace without one has no deletes. */
    static DeletedTo load(CqlSession session, String keyspace, ConsistencyLevel consistency) {
        boolean exists = session.getMetadata().getKeyspace(CqlIdentifier.fromCql(keyspace))
                .flatMap(ks -> ks.getTable(JournalSchema.METADATA)).isPresent();
        if (!exists) {
            return new DeletedTo(Map.of(), session, null, consistency);
        }
        Map<String, Long> all = new HashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT persistence_id, deleted_to FROM "
                + keyspace + "." + JournalSchema.METADATA).setPageSize(5_000).setConsistencyLevel(consistency))) {
            if (!row.isNull(1) && row.getLong(1) > 0) {
                all.put(row.getString(0), row.getLong(1));
                if (all.size() > PRELOAD_LIMIT) {
                    return new DeletedTo(null, session, session.prepare("SELECT deleted_to FROM " + keyspace + "."
                            + JournalSchema.METADATA + " WHERE persistence_id = ?"), consistency);
                }
            }
        }
        return new DeletedTo(all, session, null, consistency);
    }

    /** The id's {@code deleted_to}, 0 when it has none. */
    long of(String persistenceId) {
        if (preloaded != null) {
            return preloaded.getOrDefault(persistenceId, 0L);
        }
        Row row = session.execute(select.bind(persistenceId).setConsistencyLevel(consistency)).one();
        return row == null || row.isNull(0) ? 0L : row.getLong(0);
    }
}
