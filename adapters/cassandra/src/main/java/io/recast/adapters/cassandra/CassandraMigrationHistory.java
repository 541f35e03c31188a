package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.recast.engine.plan.MigrationHistory;
import io.recast.engine.plan.StepRecord;
import io.recast.engine.plan.VersionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The migration history in the journal's keyspace: {@code recast_history}, one row per step run (partitioned by
 * migration, so a migration's runs read in one query), and {@code recast_version}, every version recorded, newest
 * first. Created if missing.
 */
public final class CassandraMigrationHistory implements MigrationHistory {

    public static final String HISTORY = "recast_history";
    public static final String VERSION = "recast_version";
    /** The one key of {@code recast_version}: the journal of the keyspace. */
    private static final String JOURNAL = "journal";
    private static final ConsistencyLevel CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;

    private final CqlSession session;
    private final PreparedStatement selectSteps;
    private final PreparedStatement insertStep;
    private final PreparedStatement selectVersion;
    private final PreparedStatement insertVersion;

    /** Creates the tables if missing and prepares the statements. */
    public CassandraMigrationHistory(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + HISTORY + " (from_version text,"
                + " to_version text, started_at timestamp, step text, run_id text, checksum text, finished_at timestamp,"
                + " outcome text, counts map<text, bigint>, message text,"
                + " PRIMARY KEY ((from_version, to_version), started_at, step, run_id))");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + VERSION + " (journal text, recorded_at timestamp,"
                + " version text, from_version text, checksum text, run_id text,"
                + " PRIMARY KEY (journal, recorded_at)) WITH CLUSTERING ORDER BY (recorded_at DESC)");
        this.selectSteps = session.prepare("SELECT started_at, step, run_id, checksum, finished_at, outcome, counts,"
                + " message FROM " + keyspace + "." + HISTORY + " WHERE from_version = ? AND to_version = ?");
        this.insertStep = session.prepare("INSERT INTO " + keyspace + "." + HISTORY + " (from_version, to_version,"
                + " started_at, step, run_id, checksum, finished_at, outcome, counts, message)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.selectVersion = session.prepare("SELECT recorded_at, version, from_version, checksum, run_id FROM "
                + keyspace + "." + VERSION + " WHERE journal = ? LIMIT 1");
        this.insertVersion = session.prepare("INSERT INTO " + keyspace + "." + VERSION + " (journal, recorded_at,"
                + " version, from_version, checksum, run_id) VALUES (?, ?, ?, ?, ?, ?)");
    }

    /**
     * The history as a dry run sees it: read if its tables exist (empty otherwise), never written, and no table
     * created.
     *
     * @throws UnsupportedOperationException on a write
     */
    public static MigrationHistory readOnly(CqlSession session, String keyspace) {
        boolean exists = session.getMetadata().getKeyspace(keyspace)
                .map(ks -> ks.getTable(HISTORY).isPresent() && ks.getTable(VERSION).isPresent()).orElse(false);
        MigrationHistory stored = exists ? new CassandraMigrationHistory(session, keyspace) : null;
        return new MigrationHistory() {
            @Override
            public Optional<VersionRecord> currentVersion() {
                return stored == null ? Optional.empty() : stored.currentVersion();
            }

            @Override
            public List<StepRecord> steps(String from, String to) {
                return stored == null ? List.of() : stored.steps(from, to);
            }

            @Override
            public void record(StepRecord record) {
                throw new UnsupportedOperationException("a dry run records nothing");
            }

            @Override
            public void recordVersion(VersionRecord version) {
                throw new UnsupportedOperationException("a dry run records nothing");
            }
        };
    }

    @Override
    public Optional<VersionRecord> currentVersion() {
        Row row = session.execute(selectVersion.bind(JOURNAL).setConsistencyLevel(CONSISTENCY)).one();
        return row == null ? Optional.empty() : Optional.of(new VersionRecord(row.getString(1), row.getString(2),
                row.getString(3), row.getString(4), row.getInstant(0)));
    }

    @Override
    public List<StepRecord> steps(String from, String to) {
        List<StepRecord> records = new ArrayList<>();
        for (Row row : session.execute(selectSteps.bind(from, to).setConsistencyLevel(CONSISTENCY))) {
            Map<String, Long> counts = row.get(6, TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.BIGINT));
            records.add(new StepRecord(from, to, row.getString(1), row.getString(2), row.getString(3),
                    row.getInstant(0), Optional.ofNullable(row.getInstant(4)),
                    StepRecord.Outcome.valueOf(row.getString(5)), counts == null ? Map.of() : counts,
                    Objects.requireNonNullElse(row.getString(7), "")));
        }
        records.sort(Comparator.comparing(StepRecord::startedAt));
        return records;
    }

    @Override
    public void record(StepRecord record) {
        session.execute(insertStep.bind(record.from(), record.to(), record.startedAt(), record.step(), record.runId(),
                record.checksum(), record.finishedAt().orElse(null), record.outcome().name(), record.counts(),
                record.message()).setConsistencyLevel(CONSISTENCY));
    }

    @Override
    public void recordVersion(VersionRecord version) {
        session.execute(insertVersion.bind(JOURNAL, version.recordedAt(), version.version(), version.from(),
                version.checksum(), version.runId()).setConsistencyLevel(CONSISTENCY));
    }
}
