package io.recast.engine.plan;

import java.util.List;
import java.util.Optional;

/** What ran: the step runs of each migration and the version the journal is at. A port; adapters store it. */
public interface MigrationHistory {

    /** The version recorded last, empty when no migration ever finished on this journal. */
    Optional<VersionRecord> currentVersion();

    /** Every recorded run of a step of the migration {@code from -> to}, oldest first. */
    List<StepRecord> steps(String from, String to);

    /** Records a step run as started, or as ended (the same step, run id and start replace the earlier record). */
    void record(StepRecord record);

    /** Records the version the journal is at now. */
    void recordVersion(VersionRecord version);
}
