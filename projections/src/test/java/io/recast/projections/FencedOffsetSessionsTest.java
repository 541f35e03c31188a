package io.recast.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.recast.engine.migration.LockLostException;
import io.recast.engine.migration.WriteFence;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The offsets Pekko stores for the range projections go through the fence registered for the projection. */
class FencedOffsetSessionsTest {

    private static final String INSERT = "INSERT INTO ks.offset_store (projection_name, partition, projection_key,"
            + " offset, manifest, last_updated) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT projection_key, offset, manifest FROM ks.offset_store"
            + " WHERE projection_name = ? AND partition = ?";

    /** A bound statement of {@code query} for {@code projection}; {@code setQueryTimestamp} returns a copy. */
    private static BoundStatement bound(String query, String projection, long timestamp) {
        ColumnDefinitions variables = (ColumnDefinitions) Proxy.newProxyInstance(
                ColumnDefinitions.class.getClassLoader(), new Class<?>[] {ColumnDefinitions.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "contains" -> "projection_name".equals(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        PreparedStatement prepared = (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getQuery" -> query;
                    case "getVariableDefinitions" -> variables;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BoundStatement) Proxy.newProxyInstance(BoundStatement.class.getClassLoader(),
                new Class<?>[] {BoundStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPreparedStatement" -> prepared;
                    case "getString" -> "projection_name".equals(args[0]) ? projection : null;
                    case "getQueryTimestamp" -> timestamp;
                    case "setQueryTimestamp" -> bound(query, projection, (Long) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A session that records the statements it is asked to execute. */
    private static CqlSession recording(List<Statement<?>> executed) {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("executeAsync")) {
                        executed.add((Statement<?>) args[0]);
                        return CompletableFuture.completedFuture(null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anOffsetOfAFencedProjectionIsCheckedAndStampedWithTheTimeOfTheCheck() {
        AtomicBoolean lost = new AtomicBoolean();
        FencedOffsetSessions.register("recast-tag-views-test-1", () -> {
            if (lost.get()) {
                throw new LockLostException("Lost migration lock (test). This runner stopped writing");
            }
        });
        try {
            List<Statement<?>> executed = new ArrayList<>();
            CqlSession session = FencedOffsetSessions.wrap(recording(executed));
            long before = System.currentTimeMillis() * 1_000;

            session.executeAsync(bound(INSERT, "recast-tag-views-test-1", Statement.NO_DEFAULT_TIMESTAMP));
            assertEquals(1, executed.size());
            assertTrue(executed.get(0).getQueryTimestamp() >= before, "stamped at the check");

            lost.set(true);
            BoundStatement late = bound(INSERT, "recast-tag-views-test-1", Statement.NO_DEFAULT_TIMESTAMP);
            assertThrows(LockLostException.class, () -> session.executeAsync(late));
            assertEquals(1, executed.size(), "the offset was not written once the lock was lost");

            BoundStatement read = bound(SELECT, "recast-tag-views-test-1", Statement.NO_DEFAULT_TIMESTAMP);
            session.executeAsync(read);
            assertSame(read, executed.get(1), "reads pass as they are");

            BoundStatement other = bound(INSERT, "the-service-projection", Statement.NO_DEFAULT_TIMESTAMP);
            session.executeAsync(other);
            assertSame(other, executed.get(2), "other projections' offsets pass as they are");
        } finally {
            FencedOffsetSessions.register("recast-tag-views-test-1", WriteFence.NONE);
        }
    }

    @Test
    void withoutAFenceRegisteredOffsetsPassAsTheyAre() {
        List<Statement<?>> executed = new ArrayList<>();
        CqlSession session = FencedOffsetSessions.wrap(recording(executed));
        BoundStatement insert = bound(INSERT, "recast-views-test-2", Statement.NO_DEFAULT_TIMESTAMP);

        session.executeAsync(insert);

        assertSame(insert, executed.get(0));
    }
}
