package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The token-range runs that the nodes of a Pekko cluster share, kept in two tables of the journal's keyspace:
 * <ul>
 *   <li>{@value RecastTables#SHARED_RUNS}: what a run is (the kind of work and what the nodes need to do it, how many
 *   slices and ranges) and whether the nodes should work on it now; the node that starts a run announces it here,
 *   the other nodes read it to join;</li>
 *   <li>{@value RecastTables#RANGE_LEDGER}: one row per attempt at a range, by whichever node made it, with its
 *   result; the starting node sums the results of every node from it, and it shows how the ranges were shared and
 *   whether one was done twice.</li>
 * </ul>
 */
public final class SharedRangeRuns {

    /** Whether the nodes should work on a run. */
    public enum State {
        /** Work on it. */
        RUNNING,
        /** Finish the range at hand, then wait (a paused job); the run goes on later. */
        HELD,
        /** Every range is done, or the run was given up: nothing more to do. */
        ENDED
    }

    /**
     * A shared run.
     *
     * @param name       the projections' name (each slice is one projection of that name)
     * @param kind       what the work is, e.g. {@code views}; a node knows how to do the kinds it supports
     * @param work       what a node needs to do the work (a kind's own text, e.g. the targets it writes into)
     * @param slices     how many slices (projections) the ranges are dealt into
     * @param rangeCount how many token ranges the journal is read by
     */
    public record Run(String name, String kind, String work, int slices, int rangeCount, State state,
                      Instant updated) {

        public Run {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(state, "state");
        }
    }

    /** One attempt at one range, as the ledger records it once the range's work is written. */
    public record RangeAttempt(String name, int rangeIndex, UUID attempt, String node, Instant finished,
                               String result) {
    }

    private final CqlSession session;
    private final PreparedStatement announce;
    private final PreparedStatement changeState;
    private final PreparedStatement selectRun;
    private final PreparedStatement selectRuns;
    private final PreparedStatement record;
    private final PreparedStatement selectAttempts;

    /** Creates the tables if they are missing. */
    public SharedRangeRuns(CqlSession session, String keyspace) {
        this.session = Objects.requireNonNull(session, "session");
        String runs = JournalSchema.checkKeyspace(keyspace) + "." + RecastTables.SHARED_RUNS;
        String ledger = keyspace + "." + RecastTables.RANGE_LEDGER;
        session.execute("CREATE TABLE IF NOT EXISTS " + runs + " (name text PRIMARY KEY, kind text, work text,"
                + " slices int, range_count int, state text, updated timestamp)");
        session.execute("CREATE TABLE IF NOT EXISTS " + ledger + " (name text, range_index int, attempt timeuuid,"
                + " node text, finished timestamp, result text, PRIMARY KEY ((name), range_index, attempt))");
        this.announce = session.prepare("INSERT INTO " + runs + " (name, kind, work, slices, range_count, state,"
                + " updated) VALUES (?, ?, ?, ?, ?, ?, ?)");
        this.changeState = session.prepare("UPDATE " + runs + " SET state = ?, updated = ? WHERE name = ?");
        this.selectRun = session.prepare("SELECT name, kind, work, slices, range_count, state, updated FROM " + runs
                + " WHERE name = ?");
        this.selectRuns = session.prepare("SELECT name, kind, work, slices, range_count, state, updated FROM " + runs);
        this.record = session.prepare("INSERT INTO " + ledger + " (name, range_index, attempt, node, finished, result)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        this.selectAttempts = session.prepare("SELECT name, range_index, attempt, node, finished, result FROM "
                + ledger + " WHERE name = ?");
    }

    /** Announces a run (or announces it again, e.g. resumed): the other nodes join it. */
    public void announce(Run run) {
        session.execute(announce.bind(run.name(), run.kind(), run.work(), run.slices(), run.rangeCount(),
                run.state().name(), run.updated()).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    public void changeState(String name, State state, Instant now) {
        session.execute(changeState.bind(state.name(), now, name).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    public Optional<Run> find(String name) {
        return Optional.ofNullable(session.execute(selectRun.bind(name)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)).one()).map(SharedRangeRuns::run);
    }

    /** The runs the nodes should work on now, oldest first. */
    public List<Run> running() {
        List<Run> running = new ArrayList<>();
        session.execute(selectRuns.bind().setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)).forEach(row -> {
            Run run = run(row);
            if (run.state() != State.ENDED) {
                running.add(run);
            }
        });
        running.sort(Comparator.comparing(Run::updated));
        return running;
    }

    /** Records that {@code node} finished a range of the run with this result. */
    public void recordRange(String name, int rangeIndex, String node, Instant finished, String result) {
        session.execute(record.bind(name, rangeIndex, Uuids.timeBased(), node, finished, result)
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
    }

    /** Every attempt at a range of the run that finished, in range order. */
    public List<RangeAttempt> attempts(String name) {
        List<RangeAttempt> attempts = new ArrayList<>();
        session.execute(selectAttempts.bind(name).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                .forEach(row -> attempts.add(new RangeAttempt(row.getString("name"), row.getInt("range_index"),
                        row.getUuid("attempt"), row.getString("node"), row.getInstant("finished"),
                        row.getString("result"))));
        return attempts;
    }

    private static Run run(Row row) {
        return new Run(row.getString("name"), row.getString("kind"), row.getString("work"), row.getInt("slices"),
                row.getInt("range_count"), State.valueOf(row.getString("state")), row.getInstant("updated"));
    }
}
