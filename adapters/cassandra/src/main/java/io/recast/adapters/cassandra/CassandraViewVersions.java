package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.view.ViewVersion;
import io.recast.engine.view.ViewVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ViewVersions} in the table {@value #TABLE}, one partition per read model. */
public final class CassandraViewVersions implements ViewVersions {

    public static final String TABLE = "recast_views";

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;

    /** Creates the table if it is missing. */
    public CassandraViewVersions(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        String table = JournalSchema.checkKeyspace(keyspace) + "." + TABLE;
        session.execute("CREATE TABLE IF NOT EXISTS " + table + " (view_name text, version int, target text, run_id text, "
                + "replay_started timestamp, activated timestamp, state text, PRIMARY KEY ((view_name), version))");
        this.select = session.prepare("SELECT view_name, version, target, run_id, replay_started, activated, state FROM "
                + table + " WHERE view_name = ?");
        this.insert = session.prepare("INSERT INTO " + table
                + " (view_name, version, target, run_id, replay_started, activated, state) VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    public List<ViewVersion> versions(String view) {
        List<ViewVersion> versions = new ArrayList<>();
        for (Row row : session.execute(select.bind(view).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))) {
            versions.add(new ViewVersion(row.getString("view_name"), row.getInt("version"), row.getString("target"),
                    row.getString("run_id"), row.getInstant("replay_started"),
                    Optional.ofNullable(row.getInstant("activated")),
                    ViewVersion.State.valueOf(row.getString("state"))));
        }
        return versions;
    }

    @Override
    public void save(ViewVersion v) {
        session.execute(insert.bind(v.view(), v.version(), v.target(), v.runId(), v.replayStarted(),
                v.activated().orElse(null), v.state().name()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }
}
