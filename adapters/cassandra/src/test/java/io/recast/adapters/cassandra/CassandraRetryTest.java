package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.SyntaxError;
import io.recast.engine.migration.LockLostException;
import io.recast.engine.migration.WriteFence;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The waiting and fencing rules of {@link CassandraRetry}; the real outages are in the migrations' fault tests. */
class CassandraRetryTest {

    private static final Duration PATIENT = Duration.ofSeconds(30);

    @Test
    void retriesWhileNoNodeAnswersAndReturnsWhatTheFirstSuccessfulAttemptReturns() {
        AtomicInteger attempts = new AtomicInteger();
        CassandraRetry retry = new CassandraRetry(null, PATIENT, WriteFence.NONE);

        String value = retry.read("reading", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new NoNodeAvailableException();
            }
            return "rows";
        });

        assertEquals("rows", value);
        assertEquals(3, attempts.get());
    }

    @Test
    void givesUpAfterTheLimitNamingTheSettingToRaise() {
        CassandraRetry retry = new CassandraRetry(null, Duration.ofMillis(700), WriteFence.NONE);
        long started = System.nanoTime();

        CassandraUnavailableException failed = assertThrows(CassandraUnavailableException.class,
                () -> retry.write("checkpointing range 3", () -> {
                    throw new NoNodeAvailableException();
                }));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < 5_000, "gave up after " + tookMillis + " ms");
        assertTrue(failed.getMessage().contains("while checkpointing range 3"), failed.getMessage());
        assertTrue(failed.getMessage().contains("recast.cassandra.give-up-after"), failed.getMessage());
        assertTrue(failed.getMessage().contains("run the same command again"), failed.getMessage());
        assertInstanceOf(NoNodeAvailableException.class, failed.getCause());
    }

    @Test
    void aFailureThatWaitingCannotFixFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        CassandraRetry retry = new CassandraRetry(null, PATIENT, WriteFence.NONE);

        assertThrows(SyntaxError.class, () -> retry.read("reading", () -> {
            attempts.incrementAndGet();
            throw new SyntaxError(null, "bad query");
        }));

        assertEquals(1, attempts.get());
    }

    @Test
    void aWriteChecksTheFenceBeforeEveryAttemptAndALostLockStopsItWithoutSending() {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        WriteFence fence = () -> {
            if (checks.incrementAndGet() == 3) {
                throw new LockLostException("lost to runner-b");
            }
        };
        CassandraRetry retry = new CassandraRetry(null, PATIENT, fence);

        CompletableFuture<String> write = retry.async("writing", true, () -> {
            sent.incrementAndGet();
            return CompletableFuture.failedFuture(new NoNodeAvailableException());
        });

        CompletionException failed = assertThrows(CompletionException.class, write::join);
        assertInstanceOf(LockLostException.class, failed.getCause());
        assertEquals(3, checks.get(), "checked before each attempt");
        assertEquals(2, sent.get(), "nothing sent once the fence refused");
    }
}
