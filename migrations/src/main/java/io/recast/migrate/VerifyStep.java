package io.recast.migrate;

import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.RecastTables;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TagViewCounts;
import io.recast.adapters.cassandra.tagviews.TagViewPartition;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import io.recast.engine.event.EventType;
import io.recast.engine.plan.MigrationStep;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Checks the migrated journal and its tag views against each other, from one scan of {@code messages}: no event is
 * left at a type an upcaster of the migration reads (unless it is quarantined), and every (tag, time bucket)
 * partition of {@code tag_views} holds exactly one row per tagged event of {@code messages}; and each read model
 * that serves holds exactly the entities (at their revisions) that the journal folds into. A failed check fails
 * the step, naming what differs; a run started again repeats it.
 */
final class VerifyStep implements MigrationStep {

    static final String NAME = "verify";
    /** How many differences a failure names at most. */
    private static final int LISTED = 10;

    private final MigrationSetup setup;

    VerifyStep(MigrationSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepResult run(StepContext context) {
        if (context.dryRun()) {
            return StepResult.of("skipped in a dry run (nothing was rewritten or rebuilt)", Map.of());
        }
        Set<String> quarantined = quarantined();
        LongAdder events = new LongAdder();
        Map<TagViewPartition, LongAdder> expectedRows = new ConcurrentHashMap<>();
        List<String> leftBehind = java.util.Collections.synchronizedList(new ArrayList<>());
        TimeBucketSize bucketSize = setup.tagViews().bucketSize();
        io.recast.engine.event.ManifestCodec manifests = io.recast.engine.event.CachingManifestCodec.of(
                setup.upcasters().manifests());
        new TokenRangeScanner(setup.session(), setup.keyspace(), setup.scan()).scan((range, row) -> {
            events.increment();
            EventType type = manifests.decode(row.serManifest());
            if (setup.upcasters().chain().upcasterFor(type).isPresent()
                    && !quarantined.contains(row.persistenceId() + "#" + row.sequenceNr())) {
                leftBehind.add(row.persistenceId() + "#" + row.sequenceNr() + " (" + type + ")");
            }
            long bucket = bucketSize.bucketOf(row.timestamp());
            for (String tag : row.tags()) {
                expectedRows.computeIfAbsent(new TagViewPartition(tag, bucket), k -> new LongAdder())
                        .increment();
            }
        });
        List<String> problems = new ArrayList<>();
        if (!leftBehind.isEmpty()) {
            problems.add(leftBehind.size() + " events are still at a type this migration rewrites and are not"
                    + " quarantined, e.g. " + leftBehind.stream().sorted().limit(LISTED).toList());
        }
        // as many partitions counted at once as the scan reads ranges at once
        Map<TagViewPartition, Long> storedRows = new TagViewCounts(setup.session(), setup.keyspace(),
                setup.scan().consistency(), setup.scan().pageSize())
                .rowsOfEach(expectedRows.keySet(), setup.scan().maxInFlight());
        Map<String, String> partitionDifferences = new TreeMap<>();
        long tagRows = 0;
        for (Map.Entry<TagViewPartition, LongAdder> partition : expectedRows.entrySet()) {
            long stored = storedRows.get(partition.getKey());
            tagRows += stored;
            if (stored != partition.getValue().sum()) {
                partitionDifferences.put(partition.getKey().toString(), stored + " rows in tag_views, "
                        + partition.getValue().sum() + " tagged events in messages");
            }
        }
        if (!partitionDifferences.isEmpty()) {
            problems.add(partitionDifferences.size() + " tag view partitions differ from messages, e.g. "
                    + partitionDifferences.entrySet().stream().limit(LISTED).toList()
                    + ": run `recast repair-tag-views`, then the migration again");
        }
        List<io.recast.projections.views.ViewVerification.Finding> views = setup.viewChecks()
                .map(io.recast.projections.views.ViewVerification::verify).orElse(List.of());
        for (var finding : views) {
            if (!finding.clean()) {
                problems.add("read model " + finding + ": rebuild it with `recast reindex`");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Verification of " + setup.keyspace() + " failed: "
                    + String.join("; ", problems));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", events.sum());
        counts.put("tag view partitions", (long) expectedRows.size());
        counts.put("tag rows", tagRows);
        counts.put("quarantined events", (long) quarantined.size());
        for (var finding : views) {
            counts.put(finding.view() + " entries", finding.found());
        }
        String summary = String.format("%,d events, none left behind%s; %,d tag rows in %,d partitions, as messages"
                + " says", events.sum(), quarantined.isEmpty() ? "" : " but the " + quarantined.size()
                + " quarantined", tagRows, expectedRows.size())
                + String.join("", views.stream().map(f -> "; " + f.view() + " holds its " + f.found()
                + " entries").toList());
        setup.out().println("  " + summary);
        return StepResult.of(summary, counts);
    }

    /** Every quarantined event of the keyspace, as {@code pid#seq}. */
    private Set<String> quarantined() {
        Set<String> keys = new HashSet<>();
        boolean exists = setup.session().getMetadata().getKeyspace(setup.keyspace())
                .flatMap(ks -> ks.getTable(RecastTables.QUARANTINE)).isPresent();
        if (exists) {
            for (Row row : setup.session().execute("SELECT persistence_id, sequence_nr FROM " + setup.keyspace() + "."
                    + RecastTables.QUARANTINE)) {
                keys.add(row.getString(0) + "#" + row.getLong(1));
            }
        }
        return keys;
    }
}
