package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TagViewCounts;
import io.recast.adapters.cassandra.tagviews.TagViewPartition;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TagViewReset;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.projections.tagviews.TagViewRebuildProjection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.persistence.cassandra.reconciler.Reconciliation;
import scala.concurrent.Await;

/**
 * The tag view figures of {@code recast bench --step tag-views}: on a seeded journal, side by side in one
 * repetition, a raw token-range scan of {@code messages}, Recast's rebuild (reset, then the rebuild projections),
 * a raw unlogged-batch insert of the rows the rebuild wrote into a copy of {@code tag_views} ({@link RawTagViewLoad}:
 * prepared from {@code messages} into a spill file, untimed, then streamed back), and the plugin's own {@code Reconciliation}: {@code truncateTagView()}, then
 * {@code rebuildTagViewForPersistenceIds(pid)} for each persistence id, one at a time (it fails with an ask timeout
 * on its tag writers when ids run at once).
 */
final class TagViewBench {

    private static final Duration REBUILD_TIMEOUT = Duration.ofHours(2);

    private final CqlSession session;
    private final CassandraSettings cassandra;
    private final TokenRangeScanner.Settings scan;
    private final int slices;
    private final Path spillDir;
    private final PrintStream out;

    /** {@code spillDir}: where the raw insert's rows are prepared, in a file deleted once inserted. */
    TagViewBench(CqlSession session, CassandraSettings cassandra, TokenRangeScanner.Settings scan, int slices,
                 Path spillDir, PrintStream out) {
        this.session = session;
        this.cassandra = cassandra;
        this.scan = scan;
        this.slices = slices;
        this.spillDir = spillDir;
        this.out = out;
    }

    /** One repetition of {@code plan} in keyspace {@code ks}; the plugin's tool runs when {@code withPlugin}. */
    void repetition(int r, String ks, SeedPlan plan, boolean withPlugin, Map<String, List<Double>> figures)
            throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + ks);
        CassandraSettings settings = cassandra.withKeyspace(ks);
        ActorSystem<SpawnProtocol.Command> system = KgActorSystem.start("bench-tag-views-" + r,
                KgActorSystem.config(settings, KgActorSystem.firstTimeBucketYesterday()));
        try {
            long started = System.nanoTime();
            new DirectJournalWriter(session, ks, system.classicSystem(), 256).write(plan, n -> { });
            double seedSeconds = seconds(started);

            AtomicLong scanned = new AtomicLong();
            started = System.nanoTime();
            new TokenRangeScanner(session, ks, scan).scan((range, row) -> scanned.incrementAndGet());
            double scanSeconds = seconds(started);

            started = System.nanoTime();
            new TagViewReset(session, ks).reset();
            TagViewRebuild rebuild = new TagViewRebuild(session, TagViewRebuild.Settings.defaults(ks, "bench")
                    .withScan(scan));
            TagViewRebuild.Result result = new TagViewRebuildProjection(rebuild,
                    new ProjectionOffsets(session, ProjectionOffsets.Tables.in(ks)), slices)
                    .run(system, REBUILD_TIMEOUT);
            double recastSeconds = seconds(started);
            if (result.eventsRead() != plan.events()) {
                throw new IllegalStateException("the rebuild read " + result.eventsRead() + " events of "
                        + plan.events() + ": the figures would be wrong");
            }

            RawTagViewLoad.Prepared rows;
            double insertSeconds;
            try (SpillFile spill = SpillFile.create(spillDir, "tag-view-rows")) {
                RawTagViewLoad raw = new RawTagViewLoad(session, ks, scan);
                rows = raw.prepare(spill);
                long stored = countTagViews(ks, rows.partitions());
                if (rows.rows() != result.tagRowsWritten() || stored != rows.rows()) {
                    throw new IllegalStateException("the journal has " + rows.rows() + " tagged event rows, the"
                            + " rebuild wrote " + result.tagRowsWritten() + " and tag_views holds " + stored);
                }
                insertSeconds = raw.insert(spill);
            }
            Set<String> partitions = rows.partitions();

            add(figures, "raw scan, events/s", scanned.get() / scanSeconds);
            add(figures, "raw scan, s", scanSeconds);
            add(figures, "Recast rebuild (reset + projections), s", recastSeconds);
            add(figures, "Recast rebuild, events/s", plan.events() / recastSeconds);
            add(figures, "tag view rows written", (double) result.tagRowsWritten());
            add(figures, "raw unlogged-batch insert of those rows, s", insertSeconds);
            add(figures, "Recast / (raw scan + raw insert) (target <= 1.5)",
                    recastSeconds / (scanSeconds + insertSeconds));
            out.printf("  run %d: seed %.1f s, raw scan %.2f s, Recast rebuild %.2f s (%,d tag rows, %,.0f events/s),"
                    + " raw insert of those rows %.2f s%n", r, seedSeconds, scanSeconds, recastSeconds,
                    result.tagRowsWritten(), plan.events() / recastSeconds, insertSeconds);

            if (withPlugin) {
                Reconciliation reconciliation = new Reconciliation(system);
                started = System.nanoTime();
                Await.result(reconciliation.truncateTagView(), scala.concurrent.duration.Duration.create(5,
                        TimeUnit.MINUTES));
                long done = 0;
                for (String pid : persistenceIds(ks)) {
                    Await.result(reconciliation.rebuildTagViewForPersistenceIds(pid),
                            scala.concurrent.duration.Duration.create(2, TimeUnit.MINUTES));
                    done++;
                    if (done % 2000 == 0) {
                        out.printf("    plugin's tool: %,d persistence ids rebuilt in %.0f s%n", done,
                                seconds(started));
                    }
                }
                double pluginSeconds = seconds(started);
                long pluginRows = countTagViews(ks, partitions);
                add(figures, "plugin's Reconciliation, s", pluginSeconds);
                add(figures, "plugin's Reconciliation, events/s", plan.events() / pluginSeconds);
                add(figures, "Recast speed-up over the plugin's tool (target >= 10)", pluginSeconds / recastSeconds);
                out.printf("  run %d: the plugin's Reconciliation took %.1f s (%,.0f events/s, %,d tag rows):"
                        + " Recast was %.1fx faster%n", r, pluginSeconds, plan.events() / pluginSeconds, pluginRows,
                        pluginSeconds / recastSeconds);
                if (pluginRows != result.tagRowsWritten()) {
                    out.printf("  note: the plugin's tool wrote %,d tag rows, Recast %,d%n", pluginRows,
                            result.tagRowsWritten());
                }
            }
        } finally {
            system.terminate();
            Await.ready(system.whenTerminated(), scala.concurrent.duration.Duration.create(1, TimeUnit.MINUTES));
            session.execute("DROP KEYSPACE IF EXISTS " + ks);
        }
    }

    /** The rows of tag_views, counted partition by partition (the partitions are those of {@code rows}). */
    long countTagViews(String ks, Set<String> partitions) {
        List<TagViewPartition> keys = new ArrayList<>();
        for (String partition : partitions) {
            String[] key = partition.split("\u0000");
            keys.add(new TagViewPartition(key[0], Long.parseLong(key[1])));
        }
        return new TagViewCounts(session, ks, DefaultConsistencyLevel.LOCAL_QUORUM, 5_000).rowsOfEach(keys, 8)
                .values().stream().mapToLong(Long::longValue).sum();
    }

    private Set<String> persistenceIds(String ks) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT persistence_id FROM " + ks
                + ".all_persistence_ids").setPageSize(5000))) {
            ids.add(row.getString(0));
        }
        return new TreeSet<>(ids);
    }

    private static void add(Map<String, List<Double>> figures, String name, double value) {
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
