package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.JournalSchema;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the rows of {@code tag_views} partitions, page by page.
 *
 * <p>A partition is a (tag, time bucket): all the events of a busy tag within one bucket, which can be millions of
 * rows. {@code SELECT COUNT(*)} must read such a partition within one request's time limit, and Cassandra gives up on
 * it ("timeout during read query"): on a journal of 2,000,000 events written within one hour, whose type tags held
 * about 312,000 rows each in one bucket, the migration's verification failed so. Here the rows are read a page at a
 * time, only their first clustering column, so that each request reads one page and a partition of any size is
 * counted (those partitions took about 2.5 s each). The reads are idempotent, so the driver may retry them.
 */
public final class TagViewCounts {

    private final CqlSession session;
    private final String keyspace;
    private final PreparedStatement rowsOfPartition;
    private final ConsistencyLevel consistency;
    private final int pageSize;

    /**
     * @param keyspace    the journal keyspace
     * @param consistency the consistency of the reads
     * @param pageSize    the rows read per request
     */
    public TagViewCounts(CqlSession session, String keyspace, ConsistencyLevel consistency, int pageSize) {
        this.session = Objects.requireNonNull(session, "session");
        this.keyspace = Names.keyspace(keyspace);
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
        }
        this.pageSize = pageSize;
        this.rowsOfPartition = session.prepare("SELECT timestamp FROM " + this.keyspace + "."
                + JournalSchema.TAG_VIEWS + " WHERE tag_name = ? AND timebucket = ?");
    }

    /**
     * The rows of the (tag, time bucket) partition; 0 when it does not exist.
     *
     * @throws IllegalStateException naming the partition, when a read fails after the driver's retries
     */
    public long rowsOf(String tag, long timeBucket) {
        long rows = 0;
        try {
            for (Row ignored : session.execute(rowsOfPartition.bind(tag, timeBucket).setPageSize(pageSize)
                    .setConsistencyLevel(consistency).setIdempotent(true))) {
                rows++;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Counting the rows of " + keyspace + "." + JournalSchema.TAG_VIEWS
                    + " partition " + new TagViewPartition(tag, timeBucket) + " failed after " + rows + " rows: "
                    + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * The rows of each partition, counted {@code parallelism} partitions at a time; the first failure stops the count
     * and is thrown (the partitions being counted at that moment end on their own, on daemon threads).
     *
     * @throws IllegalStateException as {@link #rowsOf}, or when the thread is interrupted
     */
    public Map<TagViewPartition, Long> rowsOfEach(Collection<TagViewPartition> partitions, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        if (partitions.isEmpty()) {
            return Map.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(parallelism, partitions.size()), task -> {
            Thread thread = new Thread(task, "recast-tag-view-count-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Map.Entry<TagViewPartition, Long>> counted = new ExecutorCompletionService<>(workers);
            for (TagViewPartition partition : partitions) {
                counted.submit(() -> Map.entry(partition, rowsOf(partition.tag(), partition.timeBucket())));
            }
            Map<TagViewPartition, Long> rows = new HashMap<>();
            for (int i = 0; i < partitions.size(); i++) {
                Map.Entry<TagViewPartition, Long> partition = counted.take().get();
                rows.put(partition.getKey(), partition.getValue());
            }
            return rows;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Counting the rows of " + keyspace + "." + JournalSchema.TAG_VIEWS
                    + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while counting the rows of " + keyspace + "."
                    + JournalSchema.TAG_VIEWS, e);
        } finally {
            workers.shutdownNow();
        }
    }
}
