package io.recast.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A history in memory, for the runner's tests. */
final class InMemoryHistory implements MigrationHistory {

    final List<StepRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
    VersionRecord version;

    @Override
    public synchronized Optional<VersionRecord> currentVersion() {
        return Optional.ofNullable(version);
    }

    @Override
    public synchronized List<StepRecord> steps(String from, String to) {
        return records.stream().filter(r -> r.from().equals(from) && r.to().equals(to)).toList();
    }

    @Override
    public synchronized void record(StepRecord record) {
        records.removeIf(r -> r.step().equals(record.step()) && r.runId().equals(record.runId())
                && r.startedAt().equals(record.startedAt()));
        records.add(record);
    }

    @Override
    public synchronized void recordVersion(VersionRecord record) {
        version = record;
    }
}
