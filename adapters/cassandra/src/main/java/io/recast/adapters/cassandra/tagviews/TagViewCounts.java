package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.adapters.cassandra.JournalSchema;
import java.util.Objects;

/**
 * Counts the rows of {@code tag_views} partitions, page by page.
 *
 * <p>A partition is a (tag, time bucket): all the events of a busy tag within one bucket, which can be millions of
 * rows. {@code SELECT COUNT(*)} must read such a partition within one request's time limit, and Cassandra gives up on
 * it ("timeout during read query"): on a journal of 2,000,000 events written within one hour, whose type tags held
 * about 312,000 rows each in one bucket, the migration's verification failed so. Here the rows are read a page at a
 * time, only their clustering column, so that each request reads one page and a partition of any size is counted
 * (those partitions took about 2.5 s each).
 */
public final class TagViewCounts {

    private final CqlSession session;
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
        this.consistency = Objects.requireNonNull(consistency, "consistency");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
        }
        this.pageSize = pageSize;
        this.rowsOfPartition = session.prepare("SELECT timestamp FROM " + Names.keyspace(keyspace) + "."
                + JournalSchema.TAG_VIEWS + " WHERE tag_name = ? AND timebucket = ?");
    }

    /** The rows of the (tag, time bucket) partition; 0 when it does not exist. */
    public long rowsOf(String tag, long timeBucket) {
        long rows = 0;
        for (Row ignored : session.execute(rowsOfPartition.bind(tag, timeBucket).setPageSize(pageSize)
                .setConsistencyLevel(consistency))) {
            rows++;
        }
        return rows;
    }
}
