package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.nio.ByteBuffer;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The count of writes to {@code messages} on a real Cassandra: it moves with each write, and only with writes. */
@RealServers
class JournalWritesIT {

    private static final String KEYSPACE = "journal_writes_it";

    private static CqlSession session;

    @BeforeAll
    static void createJournal(LocalCassandra cassandra) {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute("CREATE KEYSPACE " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        JournalSchema.createJournalTables(session, KEYSPACE);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
            session.close();
        }
    }

    @Test
    void readingsAreEqualWhileNothingWritesAndCountEveryWriteToMessages() {
        JournalWrites writes = new JournalWrites(session, KEYSPACE);
        JournalWrites.Reading start = writes.read();

        // reads of messages and writes to other tables are not writes to the journal
        session.execute("SELECT * FROM " + KEYSPACE + ".messages LIMIT 10");
        session.execute("INSERT INTO " + KEYSPACE + ".all_persistence_ids (persistence_id) VALUES ('a')");
        assertEquals(0, writes.read().writesSince(start));

        for (long seq = 1; seq <= 3; seq++) {
            session.execute(session.prepare("INSERT INTO " + KEYSPACE + ".messages (persistence_id, partition_nr,"
                    + " sequence_nr, timestamp, event, ser_id, ser_manifest, writer_uuid, tags)"
                    + " VALUES (?, 0, ?, ?, ?, 1, 'm', 'w', ?)")
                    .bind("writes-it", seq, Uuids.timeBased(), ByteBuffer.wrap(new byte[] {1}), Set.of("t")));
        }

        assertEquals(3, writes.read().writesSince(start));
        assertEquals(1, writes.read().counts().size());
    }
}
