package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tables of Pekko Persistence Cassandra 1.1.0 with its default settings, as CQL text for a given keyspace, so
 * that a journal can be created (for tests, or for a fresh cluster) without starting Pekko.
 *
 * <p>The text is exactly what the plugin executes when {@code tables-autocreate = on} (see
 * {@code CassandraJournalStatements} and {@code CassandraSnapshotStatements} in the plugin, and
 * {@code docs/journal-schema.md} in this repository), with the default table names ({@code messages},
 * {@code tag_views}, {@code tag_write_progress}, {@code tag_scanning}, {@code metadata}, {@code all_persistence_ids},
 * {@code snapshots}), {@code gc_grace_seconds = 864000}, the default {@code SizeTieredCompactionStrategy} and no
 * {@code tag_views} time-to-live. A test compares it with the text the plugin itself produces.
 */
public final class JournalSchema {

    /** Name of the event table. */
    public static final String MESSAGES = "messages";
    /** Name of the events-by-tag table. */
    public static final String TAG_VIEWS = "tag_views";
    /** Name of the live tag writer's progress table. */
    public static final String TAG_WRITE_PROGRESS = "tag_write_progress";
    /** Name of the table that bounds the pre-snapshot tag scan on recovery. */
    public static final String TAG_SCANNING = "tag_scanning";
    /** Name of the table that holds {@code deleted_to} per persistence id. */
    public static final String METADATA = "metadata";
    /** Name of the table behind the {@code persistenceIds} query. */
    public static final String ALL_PERSISTENCE_IDS = "all_persistence_ids";
    /** Name of the snapshot table (in the snapshot keyspace, {@code pekko_snapshot} by default). */
    public static final String SNAPSHOTS = "snapshots";

    /** The plugin's default journal keyspace. */
    public static final String DEFAULT_KEYSPACE = "pekko";
    /** The plugin's default snapshot keyspace. */
    public static final String DEFAULT_SNAPSHOT_KEYSPACE = "pekko_snapshot";
    /** The plugin's default {@code journal.target-partition-size}. */
    public static final long DEFAULT_TARGET_PARTITION_SIZE = 500_000L;

    /** The plugin's keyspace (and table) name rule: {@code PluginSettings.keyspaceNameRegex}. */
    private static final Pattern KEYSPACE_NAME = Pattern.compile("^(\"[a-zA-Z]\\w{0,47}\"|[a-zA-Z]\\w{0,47})$");

    /** The plugin's default compaction clause ({@code SizeTieredCompactionStrategy.asCQL}, indented by four). */
    private static final String COMPACTION = lines(
            "  AND compaction = {",
            "    'class' : 'SizeTieredCompactionStrategy',",
            "    'enabled' : true,",
            "    'tombstone_compaction_interval' : 86400,",
            "    'tombstone_threshold' : 0.2,",
            "    'unchecked_tombstone_compaction' : false,",
            "    'bucket_high' : 1.5,",
            "    'bucket_low' : 0.5,",
            "    'max_threshold' : 32,",
            "    'min_threshold' : 4,",
            "    'min_sstable_size' : 50",
            "    }");

    private JournalSchema() {
    }

    /**
     * {@code CREATE KEYSPACE IF NOT EXISTS} with {@code SimpleStrategy}, as the plugin writes it for
     * {@code keyspace-autocreate = on}.
     */
    public static String createJournalKeyspace(String keyspace, int replicationFactor) {
        return lines("CREATE KEYSPACE IF NOT EXISTS " + checkKeyspace(keyspace),
                "WITH REPLICATION = { 'class' : " + simpleStrategy(replicationFactor) + " }");
    }

    /** The {@code messages} table: one row per event, partitioned by (persistence_id, partition_nr). */
    public static String createMessagesTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + MESSAGES + " (",
                "  persistence_id text,",
                "  partition_nr bigint,",
                "  sequence_nr bigint,",
                "  timestamp timeuuid,",
                "  timebucket text,",
                "  writer_uuid text,",
                "  ser_id int,",
                "  ser_manifest text,",
                "  event_manifest text,",
                "  event blob,",
                "  meta_ser_id int,",
                "  meta_ser_manifest text,",
                "  meta blob,",
                "  tags set<text>,",
                "  PRIMARY KEY ((persistence_id, partition_nr), sequence_nr, timestamp))",
                "  WITH gc_grace_seconds =864000",
                COMPACTION);
    }

    /** The {@code tag_views} table: one row per (tag, event), partitioned by (tag_name, timebucket). */
    public static String createTagViewsTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + TAG_VIEWS + " (",
                "  tag_name text,",
                "  persistence_id text,",
                "  sequence_nr bigint,",
                "  timebucket bigint,",
                "  timestamp timeuuid,",
                "  tag_pid_sequence_nr bigint,",
                "  writer_uuid text,",
                "  ser_id int,",
                "  ser_manifest text,",
                "  event_manifest text,",
                "  event blob,",
                "  meta_ser_id int,",
                "  meta_ser_manifest text,",
                "  meta blob,",
                "  PRIMARY KEY ((tag_name, timebucket), timestamp, persistence_id, tag_pid_sequence_nr))",
                "  WITH gc_grace_seconds =864000",
                COMPACTION);
    }

    /** The {@code tag_write_progress} table: the live tag writer's last written event per (persistence id, tag). */
    public static String createTagWriteProgressTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + TAG_WRITE_PROGRESS + "(",
                "  persistence_id text,",
                "  tag text,",
                "  sequence_nr bigint,",
                "  tag_pid_sequence_nr bigint,",
                "  offset timeuuid,",
                "  PRIMARY KEY (persistence_id, tag))");
    }

    /** The {@code tag_scanning} table: where recovery starts scanning for tag writes missing before a snapshot. */
    public static String createTagScanningTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + TAG_SCANNING + "(",
                "  persistence_id text,",
                "  sequence_nr bigint,",
                "  PRIMARY KEY (persistence_id))");
    }

    /** The {@code metadata} table: {@code deleted_to} (highest deleted sequence number) per persistence id. */
    public static String createMetadataTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + METADATA + "(",
                "  persistence_id text PRIMARY KEY,",
                "  deleted_to bigint,",
                "  properties map<text,text>)");
    }

    /** The {@code all_persistence_ids} table: one row per persistence id, written with its first event. */
    public static String createAllPersistenceIdsTable(String keyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(keyspace) + "." + ALL_PERSISTENCE_IDS + "(",
                "  persistence_id text PRIMARY KEY)");
    }

    /**
     * The journal tables in the order of the plugin's {@code KeyspaceAndTableStatements.createJournalTablesStatements}:
     * messages, tag_views, tag_write_progress, tag_scanning, metadata, all_persistence_ids.
     */
    public static List<String> journalTableStatements(String keyspace) {
        return List.of(createMessagesTable(keyspace), createTagViewsTable(keyspace),
                createTagWriteProgressTable(keyspace), createTagScanningTable(keyspace),
                createMetadataTable(keyspace), createAllPersistenceIdsTable(keyspace));
    }

    /**
     * {@code CREATE KEYSPACE IF NOT EXISTS} for the snapshot store, as the plugin writes it (its snapshot statement
     * has a leading space on the second line).
     */
    public static String createSnapshotKeyspace(String keyspace, int replicationFactor) {
        return lines("CREATE KEYSPACE IF NOT EXISTS " + checkKeyspace(keyspace),
                " WITH REPLICATION = { 'class' : " + simpleStrategy(replicationFactor) + " }");
    }

    /** The {@code snapshots} table of the snapshot store (newest snapshot first). */
    public static String createSnapshotsTable(String snapshotKeyspace) {
        return lines("CREATE TABLE IF NOT EXISTS " + checkKeyspace(snapshotKeyspace) + "." + SNAPSHOTS + " (",
                "  persistence_id text,",
                "  sequence_nr bigint,",
                "  timestamp bigint,",
                "  ser_id int,",
                "  ser_manifest text,",
                "  snapshot_data blob,",
                "  snapshot blob,",
                "  meta_ser_id int,",
                "  meta_ser_manifest text,",
                "  meta blob,",
                "  PRIMARY KEY (persistence_id, sequence_nr))",
                "  WITH CLUSTERING ORDER BY (sequence_nr DESC) AND gc_grace_seconds =864000",
                COMPACTION);
    }

    /**
     * The plugin's insert of one event ({@code CassandraJournalStatements.writeMessage}, whitespace normalised). Bind
     * order: persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id, ser_manifest,
     * event_manifest, event, [meta_ser_id, meta_ser_manifest, meta,] tags. Like the plugin, use the variant without
     * metadata columns for events without metadata, so that no null cells (tombstones) are written.
     */
    public static String insertMessage(String keyspace, boolean withMeta) {
        return "INSERT INTO " + checkKeyspace(keyspace) + "." + MESSAGES
                + " (persistence_id, partition_nr, sequence_nr, timestamp, timebucket, writer_uuid, ser_id,"
                + " ser_manifest, event_manifest, event, "
                + (withMeta ? "meta_ser_id, meta_ser_manifest, meta, " : "")
                + "tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + (withMeta ? "?, ?, ?, " : "") + "?)";
    }

    /**
     * Creates the six journal tables (not the keyspace, which must exist) in the plugin's order. Each statement is
     * {@code IF NOT EXISTS}, so this is safe to repeat; the driver waits for schema agreement after each.
     */
    public static void createJournalTables(CqlSession session, String keyspace) {
        Objects.requireNonNull(session, "session");
        for (String statement : journalTableStatements(keyspace)) {
            session.execute(statement);
        }
    }

    /**
     * The partition of a sequence number: {@code (sequenceNr - 1) / targetPartitionSize} (the plugin's
     * {@code journal.partitionNr}). The journal writes a whole batch of events (an {@code AtomicWrite} group) with
     * the partition of its <em>last</em> event, so a stored row can be in this partition or the next one.
     */
    public static long partitionNr(long sequenceNr, long targetPartitionSize) {
        if (targetPartitionSize < 1) {
            throw new IllegalArgumentException("target partition size must be positive, was " + targetPartitionSize);
        }
        return (sequenceNr - 1L) / targetPartitionSize;
    }

    private static String simpleStrategy(int replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        return "'SimpleStrategy','replication_factor':" + replicationFactor;
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    /** Checks a keyspace name against the plugin's rule, so it can be put into CQL text safely. */
    static String checkKeyspace(String keyspace) {
        Objects.requireNonNull(keyspace, "keyspace");
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("Invalid keyspace name '" + keyspace
                    + "': 1 to 48 letters, digits or underscores, starting with a letter (optionally double-quoted)");
        }
        return keyspace;
    }
}
