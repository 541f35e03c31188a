package io.recast.adapters.cassandra.tagviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.recast.engine.migration.LockLostException;
import io.recast.engine.migration.WriteFence;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The tag view rebuild's writes check the fence before each write handed to the driver, retries included; the real
 * paused runner is in the migrations' fault tests ({@code PausedRunnerFaultsIT}).
 */
class WriteWindowFenceTest {

    private static final LockLostException LOST = new LockLostException("Lost migration lock 'recast' to runner-b"
            + " (test). This runner stopped writing");

    /** A session whose {@code executeAsync} counts the writes sent and answers with {@code answer(n)}. */
    private static CqlSession session(AtomicInteger sent, IntFunction<CompletableFuture<Object>> answer) {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("executeAsync")) {
                        return answer.apply(sent.incrementAndGet());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static WriteFence fence(AtomicBoolean lost) {
        return () -> {
            if (lost.get()) {
                throw LOST;
            }
        };
    }

    @Test
    void noWriteIsSentOnceTheLockIsLostAndTheFencesExceptionStopsTheRebuildAsItIs() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean lost = new AtomicBoolean();
        WriteWindow window = new WriteWindow(session(sent, n -> CompletableFuture.completedFuture(null)), 4, 3,
                fence(lost));

        window.submit(SimpleStatement.newInstance("INSERT 1")).join();
        window.submit(SimpleStatement.newInstance("INSERT 2")).join();
        lost.set(true);

        assertSame(LOST, assertThrows(LockLostException.class,
                () -> window.submit(SimpleStatement.newInstance("INSERT 3"))));
        assertEquals(2, sent.get(), "nothing sent once the fence refused");
        assertTrue(window.awaitIdle(Duration.ofSeconds(1)), "the refused write left no permit taken");
    }

    @Test
    void aRetryAfterTheLockWasLostIsNotSentAndLaterWritesFailWithTheFencesException() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean lost = new AtomicBoolean();
        WriteWindow window = new WriteWindow(session(sent, n -> {
            lost.set(true); // the runner is paused while its first write is under way, and loses its lock
            return CompletableFuture.failedFuture(new NoNodeAvailableException());
        }), 4, 3, fence(lost));

        CompletableFuture<Void> write = window.submit(SimpleStatement.newInstance("INSERT 1"));

        CompletionException failed = assertThrows(CompletionException.class, write::join);
        assertSame(LOST, WriteWindow.unwrap(failed));
        assertEquals(1, sent.get(), "the retry was not sent");
        assertTrue(window.awaitIdle(Duration.ofSeconds(5)));
        assertSame(LOST, assertThrows(LockLostException.class, window::checkNoFailure));
        assertSame(LOST, WriteWindow.failed(new CompletionException(LOST)));
    }

    @Test
    void withoutALockEveryWriteIsSentAndRetriedAsBefore() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        WriteWindow window = new WriteWindow(session(sent, n -> n == 1
                ? CompletableFuture.failedFuture(new NoNodeAvailableException())
                : CompletableFuture.completedFuture(null)), 4, 3);

        window.submit(SimpleStatement.newInstance("INSERT 1")).join();

        assertEquals(2, sent.get(), "sent, failed, retried");
        window.checkNoFailure();
    }

    @Test
    void aWriteCarriesTheTimeOfItsFenceCheckInEveryAttempt() throws Exception {
        List<Long> timestamps = new CopyOnWriteArrayList<>();
        CqlSession session = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
                new Class<?>[] {CqlSession.class}, (proxy, method, args) -> {
                    timestamps.add(((Statement<?>) args[0]).getQueryTimestamp());
                    return timestamps.size() == 1 ? CompletableFuture.failedFuture(new NoNodeAvailableException())
                            : CompletableFuture.completedFuture(null);
                });
        WriteWindow window = new WriteWindow(session, 4, 3, () -> { });
        long before = System.currentTimeMillis() * 1_000;

        window.submit(SimpleStatement.newInstance("INSERT 1")).join();
        window.submit(SimpleStatement.newInstance("INSERT 2")).join();

        assertEquals(3, timestamps.size(), "the first write sent twice, the second once");
        assertEquals(timestamps.get(0), timestamps.get(1), "the retry carries the first attempt's timestamp");
        assertTrue(timestamps.get(0) >= before, "the time of the check: " + timestamps);
        assertTrue(timestamps.get(2) > timestamps.get(0), "increasing: " + timestamps);
    }
}
