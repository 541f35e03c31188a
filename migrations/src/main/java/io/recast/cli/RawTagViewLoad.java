package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.cassandra.tagviews.TagViewRebuild;
import io.recast.adapters.cassandra.tagviews.TimeBucketSize;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw limit of the tag view rebuild: the journal's {@code tag_views} rows (one per event and tag) inserted in
 * unlogged single-partition batches, 64 in flight, into a copy of {@code tag_views} ({@code raw_tag_views}).
 *
 * <p>{@link #prepare(SpillFile)} builds the rows from a scan of {@code messages}, one token range after the other
 * (rather than reading back {@code tag_views}: a full scan of it, whose partitions hold an hour of a tag, ran the
 * local Cassandra out of memory), and spills them in batches to a file ({@link TagRowBatches}), untimed and with
 * bounded memory. {@link #insert(SpillFile)} then reads the batches back and sends them: only that is timed. The
 * rows of a persistence id are numbered per tag in sequence order within each journal partition (the bench's ids
 * have one); the numbering changes no row's size.
 */
final class RawTagViewLoad {

    /** Rows waiting in memory while they are grouped by partition. */
    static final long MAX_PENDING_BYTES = 32L << 20;
    private static final int IN_FLIGHT = 64;
    private static final String TABLE = "raw_tag_views";

    /** What the preparation spilled: the rows and the partitions (tag, NUL, time bucket) they fall in. */
    record Prepared(long rows, Set<String> partitions) {
    }

    private final CqlSession session;
    private final String keyspace;
    private final TokenRangeScanner.Settings scan;

    RawTagViewLoad(CqlSession session, String keyspace, TokenRangeScanner.Settings scan) {
        this.session = session;
        this.keyspace = keyspace;
        this.scan = scan;
    }

    /** Creates the copy of {@code tag_views} and spills the journal's tag view rows into {@code spill}. */
    Prepared prepare(SpillFile spill) {
        session.execute(JournalSchema.createTagViewsTable(keyspace).replace("." + JournalSchema.TAG_VIEWS + " (",
                "." + TABLE + " ("));
        TagRowBatches batches = new TagRowBatches(spill, MAX_PENDING_BYTES, TagViewRebuild.DEFAULT_MAX_BATCH_BYTES);
        Numbering numbering = new Numbering();
        Set<String> partitions = new TreeSet<>();
        AtomicLong rows = new AtomicLong();
        // one range at a time, on one thread: a journal partition's rows arrive together and in order
        new TokenRangeScanner(session, keyspace, scan.withMaxInFlight(1)).scan((range, row) -> {
            long bucket = TimeBucketSize.HOUR.bucketOf(row.timestamp());
            for (String tag : row.tags()) {
                TagViewRow tagRow = TagViewRow.of(tag, bucket, numbering.next(row, tag), row);
                partitions.add(tagRow.partition());
                batches.add(tagRow);
                rows.incrementAndGet();
            }
        });
        batches.finish();
        if (spill.items() != rows.get()) {
            throw new IllegalStateException("the spill file holds " + spill.items() + " tag view rows of "
                    + rows.get() + ": the raw insert would be wrong");
        }
        return new Prepared(rows.get(), partitions);
    }

    /** Sends the spilled batches; returns the seconds from the first batch read to the last one acknowledged. */
    double insert(SpillFile spill) {
        PreparedStatement insert = session.prepare(TagViewRebuild.insertTagView(keyspace, false)
                .replace(keyspace + "." + JournalSchema.TAG_VIEWS, keyspace + "." + TABLE));
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicLong failures = new AtomicLong();
        long started = System.nanoTime();
        Iterator<SpillFile.Record> batches = spill.read();
        while (batches.hasNext()) {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            for (TagViewRow row : TagViewRow.decode(batches.next().bytes())) {
                batch.addStatement(row.bind(insert));
            }
            send(batch.build(), inFlight, failures);
        }
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " raw insert batches failed: the figure would be wrong");
        }
        return seconds;
    }

    private void send(BatchStatement batch, Semaphore inFlight, AtomicLong failures) {
        inFlight.acquireUninterruptibly();
        session.executeAsync(batch).toCompletableFuture().whenComplete((ok, error) -> {
            if (error != null) {
                failures.incrementAndGet();
            }
            inFlight.release();
        });
    }

    /** tag_pid_sequence_nr: per tag, from 1, for the rows of the journal partition being read. */
    private static final class Numbering {
        private String persistenceId;
        private long partitionNr;
        private final Map<String, Long> perTag = new HashMap<>();

        long next(JournalRow row, String tag) {
            if (!row.persistenceId().equals(persistenceId) || row.partitionNr() != partitionNr) {
                persistenceId = row.persistenceId();
                partitionNr = row.partitionNr();
                perTag.clear();
            }
            return perTag.merge(tag, 1L, Long::sum);
        }
    }
}
