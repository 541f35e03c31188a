package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.jobs.ReindexJobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@link ReindexJobs} in the table {@value RecastTables#REINDEX_JOBS} of the journal's keyspace, one row per job.
 * State changes are lightweight transactions ({@code IF state = ?}); progress reports write only the progress
 * columns, so they never undo a state change.
 */
public final class CassandraReindexJobs implements ReindexJobs {

    private static final String COLUMNS = "job_id, view_name, target_version, target, state, step, events_processed,"
            + " max_rate, started, updated, heartbeat, message, ranges_done, ranges_total";

    private final CqlSession session;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectOne;
    private final PreparedStatement insert;
    private final PreparedStatement progress;
    private final PreparedStatement replace;

    /** Creates the table if it is missing. */
    public CassandraReindexJobs(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        String table = JournalSchema.checkKeyspace(keyspace) + "." + RecastTables.REINDEX_JOBS;
        session.execute("CREATE TABLE IF NOT EXISTS " + table + " (job_id text PRIMARY KEY, view_name text,"
                + " target_version int, target text, state text, step text, events_processed bigint,"
                + " max_rate double, started timestamp, updated timestamp, heartbeat timestamp, message text,"
                + " ranges_done int, ranges_total int)");
        this.selectAll = session.prepare("SELECT " + COLUMNS + " FROM " + table);
        this.selectOne = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE job_id = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.progress = session.prepare("UPDATE " + table + " SET target_version = ?, target = ?, step = ?,"
                + " events_processed = ?, max_rate = ?, updated = ?, heartbeat = ?, ranges_done = ?, ranges_total = ?"
                + " WHERE job_id = ?");
        this.replace = session.prepare("UPDATE " + table + " SET state = ?, updated = ?, message = ?"
                + " WHERE job_id = ? IF state = ?");
    }

    @Override
    public List<ReindexJob> list() {
        List<ReindexJob> jobs = new ArrayList<>();
        session.execute(selectAll.bind().setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                .forEach(row -> jobs.add(job(row)));
        jobs.sort(Comparator.comparing(ReindexJob::started).reversed());
        return jobs;
    }

    @Override
    public Optional<ReindexJob> find(String id) {
        Row row = session.execute(selectOne.bind(id).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
        return Optional.ofNullable(row).map(CassandraReindexJobs::job);
    }

    @Override
    public void save(ReindexJob job) {
        session.execute(insert.bind(job.id(), job.view(), job.targetVersion(), job.target(), job.state().name(),
                job.step(), job.eventsProcessed(), job.maxRate().isPresent() ? job.maxRate().getAsDouble() : null,
                job.started(), job.updated(), job.heartbeat(), job.message(), job.ranges().done(),
                job.ranges().total())
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    @Override
    public void progress(ReindexJob job) {
        session.execute(progress.bind(job.targetVersion(), job.target(), job.step(), job.eventsProcessed(),
                job.maxRate().isPresent() ? job.maxRate().getAsDouble() : null, job.updated(), job.heartbeat(),
                job.ranges().done(), job.ranges().total(), job.id()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    @Override
    public boolean replace(ReindexJob next, JobState expected) {
        return session.execute(replace.bind(next.state().name(), next.updated(), next.message(), next.id(),
                expected.name()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL)).wasApplied();
    }

    private static ReindexJob job(Row row) {
        return new ReindexJob(row.getString("job_id"), row.getString("view_name"), row.getInt("target_version"),
                Optional.ofNullable(row.getString("target")).orElse(""), JobState.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("step")).orElse(""), row.getLong("events_processed"),
                row.isNull("max_rate") ? OptionalDouble.empty() : OptionalDouble.of(row.getDouble("max_rate")),
                row.getInstant("started"), row.getInstant("updated"), row.getInstant("heartbeat"),
                Optional.ofNullable(row.getString("message")).orElse(""),
                new ReindexJob.Ranges(row.getInt("ranges_done"), row.getInt("ranges_total")));
    }
}
