package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts {@code messages} back as it was before a rewrite from a version, byte for byte, from
 * {@code messages_backup_<version>}: rows rewritten in place get their original back under the same key; ids that the
 * rewrite renumbered ({@code recast_renumbered}) are replaced whole by their backed-up rows (partition deletions at T,
 * inserts at T+1), and their snapshots come back from the snapshot backup.
 */
public final class JournalRollback {

    /** What a rollback did. */
    public record Result(long rowsRestored, long persistenceIds, long renumberedIds, long snapshotsRestored) {
    }

    private final CqlSession session;
    private final String keyspace;
    private final String snapshotKeyspace;
    private final String version;

    public JournalRollback(CqlSession session, String keyspace, String snapshotKeyspace, String version) {
        this.session = session;
        this.keyspace = keyspace;
        this.snapshotKeyspace = snapshotKeyspace;
        this.version = version;
    }

    public Result run() {
        RecastTables.create(session, keyspace, version);
        Set<String> renumbered = new HashSet<>();
        session.execute(session.prepare("SELECT persistence_id FROM " + keyspace + "." + RecastTables.RENUMBERED
                + " WHERE from_version = ?").bind(version)).forEach(row -> renumbered.add(row.getString(0)));
        PreparedStatement insertAt = session.prepare(JournalSchema.insertMessage(keyspace, false) + " USING TIMESTAMP ?");
        PreparedStatement insertWithMetaAt = session.prepare(JournalSchema.insertMessage(keyspace, true)
                + " USING TIMESTAMP ?");
        PreparedStatement deleteAt = session.prepare("DELETE FROM " + keyspace + ".messages USING TIMESTAMP ?"
                + " WHERE persistence_id = ? AND partition_nr = ?");
        PreparedStatement firstRow = session.prepare("SELECT sequence_nr FROM " + keyspace + ".messages"
                + " WHERE persistence_id = ? AND partition_nr = ? LIMIT 1");

        long writeTime = System.currentTimeMillis() * 1000 + 1_000_000;
        Map<String, List<JournalRow>> byPid = new LinkedHashMap<>();
        long restored = 0;
        long pids = 0;
        SimpleStatement select = SimpleStatement.newInstance("SELECT " + JournalRow.COLUMNS + " FROM " + keyspace + "."
                + RecastTables.messagesBackup(version)).setPageSize(1000);
        String current = null;
        for (Row row : session.execute(select)) {
            JournalRow journalRow = JournalRow.from(row);
            if (current != null && !current.equals(journalRow.persistenceId())) {
                restored += restore(current, byPid.remove(current), renumbered.contains(current), writeTime, insertAt,
                        insertWithMetaAt, deleteAt, firstRow);
                pids++;
            }
            current = journalRow.persistenceId();
            byPid.computeIfAbsent(current, k -> new ArrayList<>()).add(journalRow);
        }
        for (Map.Entry<String, List<JournalRow>> rest : byPid.entrySet()) {
            restored += restore(rest.getKey(), rest.getValue(), renumbered.contains(rest.getKey()), writeTime, insertAt,
                    insertWithMetaAt, deleteAt, firstRow);
            pids++;
        }
        long snapshots = restoreSnapshots();
        return new Result(restored, pids, renumbered.size(), snapshots);
    }

    private long restore(String pid, List<JournalRow> rows, boolean whole, long writeTime, PreparedStatement insertAt,
                         PreparedStatement insertWithMetaAt, PreparedStatement deleteAt, PreparedStatement firstRow) {
        Set<Long> partitions = new TreeSet<>();
        rows.forEach(row -> partitions.add(row.partitionNr()));
        if (whole) {
            long max = partitions.isEmpty() ? 0 : ((TreeSet<Long>) partitions).last();
            for (long p = 0; p <= max + 2; p++) {
                if (session.execute(firstRow.bind(pid, p)).one() != null) {
                    partitions.add(p);
                }
            }
        }
        for (long partition : partitions) {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            if (whole) {
                batch.addStatement(deleteAt.bind(writeTime, pid, partition));
            }
            for (JournalRow row : rows) {
                if (row.partitionNr() == partition) {
                    batch.addStatement(row.bindInsert(row.hasMeta() ? insertWithMetaAt : insertAt, writeTime + 1));
                }
            }
            session.execute(batch.build());
        }
        return rows.size();
    }

    private long restoreSnapshots() {
        boolean exists = session.getMetadata().getKeyspace(snapshotKeyspace)
                .flatMap(ks -> ks.getTable(RecastTables.snapshotsBackup(version))).isPresent();
        if (!exists) {
            return 0;
        }
        PreparedStatement insert = session.prepare("INSERT INTO " + snapshotKeyspace + ".snapshots JSON ?");
        long restored = 0;
        for (Row row : session.execute("SELECT JSON * FROM " + snapshotKeyspace + "."
                + RecastTables.snapshotsBackup(version))) {
            session.execute(insert.bind(row.getString(0)));
            restored++;
        }
        return restored;
    }
}
