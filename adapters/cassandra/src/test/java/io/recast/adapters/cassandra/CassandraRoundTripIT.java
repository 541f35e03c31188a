package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import org.junit.jupiter.api.Test;

@RealServers
class CassandraRoundTripIT {

    @Test
    void writesAndReadsBackARowOnTheRealServer(LocalCassandra cassandra) {
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, "roundtrip");
        try (CqlSession session = CassandraSessions.open(settings)) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS roundtrip WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS roundtrip.kv (k text PRIMARY KEY, v bigint)");
            session.execute("INSERT INTO roundtrip.kv (k, v) VALUES ('answer', 42)");

            Row row = session.execute("SELECT v FROM roundtrip.kv WHERE k = 'answer'").one();

            assertNotNull(row, "the row written must be read back");
            assertEquals(42L, row.getLong("v"));
            assertEquals("5.0.6", session.execute("SELECT release_version FROM system.local").one()
                    .getString("release_version"));
        }
    }
}
