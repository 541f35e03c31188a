package io.recast.adapters.cassandra.tagviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counting {@code tag_views} partitions page by page, on a real Cassandra. */
@RealServers
class TagViewCountsIT {

    private static final String KEYSPACE = "tag_view_counts_it";
    private static final long BUCKET = 1_700_000_000_000L;
    private static final int BIG = 1_234;
    private static final int SMALL = 7;

    private static CqlSession session;

    @BeforeAll
    static void writeTwoPartitions(LocalCassandra cassandra) {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute(JournalSchema.createJournalKeyspace(KEYSPACE, 1));
        JournalSchema.createJournalTables(session, KEYSPACE);
        PreparedStatement insert = session.prepare(TagViewRebuild.insertTagView(KEYSPACE, false));
        write(insert, "big", BIG);
        write(insert, "small", SMALL);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
            session.close();
        }
    }

    @Test
    void aPartitionOfManyPagesIsCountedWhole() {
        TagViewCounts counts = new TagViewCounts(session, KEYSPACE, DefaultConsistencyLevel.LOCAL_ONE, 100);

        assertEquals(BIG, counts.rowsOf("big", BUCKET));
        assertEquals(SMALL, counts.rowsOf("small", BUCKET));
        assertEquals(countStar("small"), counts.rowsOf("small", BUCKET), "as COUNT(*) says of a small partition");
    }

    @Test
    void partitionsCountedSeveralAtATimeEachGetTheirOwnCount() {
        TagViewCounts counts = new TagViewCounts(session, KEYSPACE, DefaultConsistencyLevel.LOCAL_ONE, 100);
        TagViewPartition big = new TagViewPartition("big", BUCKET);
        TagViewPartition small = new TagViewPartition("small", BUCKET);
        TagViewPartition missing = new TagViewPartition("big", BUCKET + 3_600_000);

        assertEquals(Map.of(big, (long) BIG, small, (long) SMALL, missing, 0L),
                counts.rowsOfEach(List.of(big, small, missing), 2));
        assertEquals(Map.of(), counts.rowsOfEach(List.of(), 2), "no partition, no count");
        assertThrows(IllegalArgumentException.class, () -> counts.rowsOfEach(List.of(big), 0));
    }

    @Test
    void aPartitionThatDoesNotExistHasNoRows() {
        TagViewCounts counts = new TagViewCounts(session, KEYSPACE, DefaultConsistencyLevel.LOCAL_ONE, 100);

        assertEquals(0, counts.rowsOf("big", BUCKET + 3_600_000));
        assertEquals(0, counts.rowsOf("no such tag", BUCKET));
    }

    @Test
    void aPageSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TagViewCounts(session, KEYSPACE, DefaultConsistencyLevel.LOCAL_ONE, 0));
    }

    private static long countStar(String tag) {
        return session.execute("SELECT COUNT(*) FROM " + KEYSPACE + "." + JournalSchema.TAG_VIEWS
                + " WHERE tag_name = '" + tag + "' AND timebucket = " + BUCKET).one().getLong(0);
    }

    /** {@code rows} rows of one persistence id in the (tag, BUCKET) partition, in batches of 100. */
    private static void write(PreparedStatement insert, String tag, int rows) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        for (int i = 1; i <= rows; i++) {
            batch.addStatement(insert.bind(tag, BUCKET, Uuids.startOf(BUCKET + i), (long) i,
                    ByteBuffer.wrap(new byte[] {1, 2, 3}), "", "pid-" + tag, (long) i, 1, "manifest", "writer"));
            if (i % 100 == 0 || i == rows) {
                session.execute(batch.build());
                batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            }
        }
    }
}
