package io.recast.migrate;

import io.recast.engine.plan.MigrationStep;
import io.recast.engine.plan.StepContext;
import io.recast.engine.plan.StepResult;
import io.recast.engine.rewrite.RewriteOptions;
import io.recast.engine.rewrite.RewriteProgress;
import io.recast.engine.rewrite.RewriteResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Backs up and rewrites {@code messages} with the upcasters ({@link RewriteStep}); resumes from its checkpoints. */
final class RewriteJournalStep implements MigrationStep {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RewriteJournalStep.class);

    static final String NAME = "rewrite journal";

    private final MigrationSetup setup;
    /** The last result, for the report. */
    private RewriteResult last;

    RewriteJournalStep(MigrationSetup setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A bar (or plain lines) over the token ranges, with the events read and their rate. */
    private RewriteProgress progress(String step) {
        AtomicLong events = new AtomicLong();
        ProgressBar bar = ProgressBar.of(setup.out(), step, events::get);
        return new RewriteProgress() {
            @Override
            public void eventsRead(long eventsSoFar) {
                events.accumulateAndGet(eventsSoFar, Math::max);
            }

            @Override
            public void sliceDone(int slicesDone, int slicesToRead, Duration elapsed) {
                bar.rangeDone(slicesDone, slicesToRead, elapsed);
            }
        };
    }

    RewriteResult lastResult() {
        return last;
    }

    @Override
    public StepResult run(StepContext context) {
        if (!context.dryRun()) {
            // Pekko Projection's offset tables (the tag view rebuild and the replay store their offsets there) are
            // created meanwhile, so that their schema changes overlap with the rewrite's; the steps that need them
            // create them again if this failed (IF NOT EXISTS)
            context.fence().check();
            org.apache.pekko.projection.cassandra.javadsl.CassandraProjection.createTablesIfNotExists(setup.system())
                    .whenComplete((done, error) -> {
                        if (error != null) {
                            log.debug("creating Pekko Projection's offset tables early failed: {}", error.toString());
                        }
                    });
        }
        RewriteResult result = RewriteStep.run(setup.session(), setup.keyspace(), setup.snapshotKeyspace(),
                setup.upcasters(), setup.upcasters().manifests(),
                context.dryRun() ? RewriteOptions.dryRun(context.runId()) : RewriteOptions.run(context.runId()),
                setup.scan(), progress(context.dryRun() ? "rewrite (dry run)" : "rewrite"), context.fence());
        last = result;
        RewriteReport.print(result, setup.out());
        if (!result.clean() && !setup.allowQuarantine() && !context.dryRun()) {
            throw new QuarantinedEventsException(result.quarantined(), setup.keyspace());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events read", result.eventsRead());
        counts.put("events upcast", result.upcastEvents());
        counts.put("events dropped", result.droppedEvents());
        counts.put("events split", result.splitEvents());
        counts.put("ids renumbered", result.renumberedIds());
        counts.put("events quarantined", result.quarantined());
        counts.put("rows written", result.rowsWritten());
        return new StepResult(counts, String.format("%,d events read, %,d upcast, %,d dropped, %,d split, %,d"
                + " quarantined%s", result.eventsRead(), result.upcastEvents(), result.droppedEvents(),
                result.splitEvents(), result.quarantined(), context.dryRun() ? " (dry run: nothing written)" : ""),
                result.clean());
    }
}
