package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;

/**
 * Recast's own tables, in the journal's keyspace with a {@code recast_} prefix, and the backup tables of a rewrite
 * ({@code messages_backup_<version>}, same schema as {@code messages}; {@code snapshots_backup_<version>} in the
 * snapshot keyspace).
 */
public final class RecastTables {

    public static final String CHECKPOINT = "recast_checkpoint";
    public static final String CONTEXT = "recast_context";
    public static final String QUARANTINE = "recast_quarantine";
    public static final String RENUMBERING = "recast_renumbering";
    /** Every persistence id that a rewrite from a version renumbered; a rollback replaces those ids whole. */
    public static final String RENUMBERED = "recast_renumbered";
    /** The migration locks, one row per lock; {@link CassandraLeaseLock} creates it. */
    public static final String LOCK = "recast_lock";
    /** The reindexing jobs, one row per job; {@link CassandraReindexJobs} creates it. */
    public static final String REINDEX_JOBS = "recast_reindex_jobs";
    /** The token-range runs shared with a cluster's other nodes, one row per run; {@link SharedRangeRuns} creates it. */
    public static final String SHARED_RUNS = "recast_shared_runs";
    /** Which node did which token range of a shared run, one row per attempt; {@link SharedRangeRuns} creates it. */
    public static final String RANGE_LEDGER = "recast_range_ledger";

    private RecastTables() {
    }

    /** The backup table of {@code messages} for a source version, e.g. {@code messages_backup_v1_0}. */
    public static String messagesBackup(String version) {
        return "messages_backup_v" + version.replace('.', '_');
    }

    /** The backup table of {@code snapshots} for a source version. */
    public static String snapshotsBackup(String version) {
        return "snapshots_backup_v" + version.replace('.', '_');
    }

    /** Creates Recast's tables and the backup table of {@code version} if missing. */
    public static void create(CqlSession session, String keyspace, String version) {
        List<java.util.concurrent.CompletableFuture<?>> creating = new java.util.ArrayList<>();
        for (String statement : List.of(
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + CHECKPOINT
                        + " (run_id text, slice int, done_at timestamp, PRIMARY KEY (run_id, slice))",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + CONTEXT
                        + " (run_id text PRIMARY KEY, context blob, saved_at timestamp)",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + QUARANTINE
                        + " (run_id text, persistence_id text, sequence_nr bigint, type text, code text, upcaster text,"
                        + " message text, cause text, ser_id int, ser_manifest text, event blob,"
                        + " quarantined_at timestamp, PRIMARY KEY ((run_id), persistence_id, sequence_nr))",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + RENUMBERING
                        + " (run_id text, persistence_id text, started_at timestamp,"
                        + " PRIMARY KEY (run_id, persistence_id))",
                "CREATE TABLE IF NOT EXISTS " + keyspace + "." + RENUMBERED
                        + " (from_version text, persistence_id text, PRIMARY KEY (from_version, persistence_id))",
                JournalSchema.createMessagesTable(keyspace).replace("." + JournalSchema.MESSAGES + " (",
                        "." + messagesBackup(version) + " ("))) {
            // the tables are independent: their schema changes go at once (the driver waits for each one's
            // agreement), which takes about the time of one instead of the sum
            creating.add(session.executeAsync(statement).toCompletableFuture());
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(
                    creating.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Creates the snapshot backup table when the snapshot table exists. */
    public static boolean createSnapshotBackup(CqlSession session, String snapshotKeyspace, String version) {
        boolean exists = session.getMetadata().getKeyspace(snapshotKeyspace)
                .flatMap(ks -> ks.getTable(JournalSchema.SNAPSHOTS)).isPresent();
        if (exists) {
            session.execute(JournalSchema.createSnapshotsTable(snapshotKeyspace).replace(
                    "." + JournalSchema.SNAPSHOTS + " (", "." + snapshotsBackup(version) + " ("));
        }
        return exists;
    }
}
