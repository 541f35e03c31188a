package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.engine.migration.ForceUnlockResult;
import io.recast.engine.migration.HeldLock;
import io.recast.engine.migration.LockAttempt;
import io.recast.engine.migration.LockHolder;
import io.recast.engine.migration.LockLease;
import io.recast.engine.migration.LockRequest;
import io.recast.engine.migration.RenewResult;
import io.recast.servers.LocalCassandra;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration lock on a real Cassandra: races, expiry of a holder that stopped renewing, a killed runner. */
@RealServers
class CassandraLeaseLockIT {

    private static final String KEYSPACE = "lease_lock_it";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration SHORT_LEASE = Duration.ofSeconds(2);
    private static final Duration MAX_WAIT = Duration.ofSeconds(20);

    private static CqlSession session;
    private static CassandraLeaseLock lock;

    @BeforeAll
    static void createKeyspace(LocalCassandra cassandra) {
        session = CassandraSessions.open(CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE));
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute("CREATE KEYSPACE " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        lock = new CassandraLeaseLock(session, KEYSPACE);
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void ofEightOwnersRacingForAFreeLockExactlyOneAcquiresIt() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LockAttempt>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            LockRequest request = new LockRequest("race", "runner-" + i, LEASE);
            attempts.add(racers.submit(() -> {
                start.await();
                return lock.tryAcquire(request);
            }));
        }
        start.countDown();
        List<LockAttempt.Acquired> acquired = new ArrayList<>();
        List<LockAttempt.Refused> refused = new ArrayList<>();
        for (Future<LockAttempt> attempt : attempts) {
            LockAttempt outcome = attempt.get(60, TimeUnit.SECONDS);
            if (outcome instanceof LockAttempt.Acquired a) {
                acquired.add(a);
            } else {
                refused.add((LockAttempt.Refused) outcome);
            }
        }
        racers.shutdown();

        assertEquals(1, acquired.size(), "acquired: " + acquired);
        LockLease winner = acquired.get(0).lease();
        assertEquals(1, winner.fencingToken());
        assertEquals(7, refused.size());
        refused.forEach(r -> assertEquals(winner.owner(), r.holder().owner(), r.describe()));
        assertEquals(winner.owner(), lock.holder("race").orElseThrow().owner());
    }

    @Test
    void aRefusedAttemptNamesTheHolderAndHowToFreeTheLock() {
        LockLease held = acquire(new LockRequest("refused", "runner-a", LEASE));

        LockAttempt attempt = lock.tryAcquire(new LockRequest("refused", "runner-b", LEASE));

        LockAttempt.Refused refused = assertInstanceOf(LockAttempt.Refused.class, attempt);
        assertEquals("runner-a", refused.holder().owner());
        assertEquals(held.fencingToken(), refused.holder().fencingToken());
        assertEquals(LEASE, Duration.between(refused.holder().acquiredAt(), refused.holder().expiresAt()));
        assertTrue(refused.describe().startsWith("Migration lock 'refused' is held by runner-a since "),
                refused.describe());
        assertTrue(refused.describe().contains("--force-unlock"), refused.describe());
    }

    @Test
    void renewingExtendsTheLeaseFromNowAndKeepsTheToken() throws Exception {
        LockLease held = acquire(new LockRequest("renew", "runner-a", LEASE));
        LockHolder before = lock.holder("renew").orElseThrow();
        Thread.sleep(50);

        RenewResult.Renewed renewed = assertInstanceOf(RenewResult.Renewed.class, lock.renew(held));

        assertTrue(renewed.expiresAt().isAfter(before.expiresAt()), renewed + " vs " + before);
        assertEquals(new LockHolder("runner-a", before.acquiredAt(), renewed.expiresAt(), held.fencingToken()),
                lock.holder("renew").orElseThrow());
    }

    @Test
    void aHolderThatStopsRenewingIsTakenOverAfterItsLeaseWithAHigherToken() throws Exception {
        LockLease crashed = acquire(new LockRequest("takeover", "runner-a", SHORT_LEASE));
        Instant expiresAt = lock.holder("takeover").orElseThrow().expiresAt();
        assertInstanceOf(LockAttempt.Refused.class, lock.tryAcquire(new LockRequest("takeover", "runner-b", LEASE)));

        try (HeldLock next = HeldLock.acquire(lock, new LockRequest("takeover", "runner-b", LEASE), MAX_WAIT)) {
            assertFalse(Instant.now().isBefore(expiresAt), "taken over before the lease expired");
            assertTrue(next.lease().fencingToken() > crashed.fencingToken());
            assertEquals("runner-b", lock.holder("takeover").orElseThrow().owner());
        }
    }

    @Test
    void theFormerHolderCanNeitherRenewNorReleaseTheLockOnceTakenOver() throws Exception {
        LockLease former = acquire(new LockRequest("former", "runner-a", SHORT_LEASE));
        try (HeldLock next = HeldLock.acquire(lock, new LockRequest("former", "runner-b", LEASE), MAX_WAIT)) {
            LockHolder newHolder = lock.holder("former").orElseThrow();

            RenewResult.Lost lost = assertInstanceOf(RenewResult.Lost.class, lock.renew(former));
            lock.release(former);

            assertEquals(Optional.of(newHolder), lost.holder());
            assertEquals(newHolder, lock.holder("former").orElseThrow());
            next.checkHeld();
        }
    }

    @Test
    void aReleasedLockIsFreeAtOnceAndItsTokenKeepsGrowing() {
        LockLease first = acquire(new LockRequest("release", "runner-a", LEASE));

        lock.release(first);

        assertEquals(Optional.empty(), lock.holder("release"));
        assertEquals(first.fencingToken() + 1,
                acquire(new LockRequest("release", "runner-b", LEASE)).fencingToken());
    }

    @Test
    void forceUnlockFreesTheLockAndReportsWhoHeldIt() {
        LockLease held = acquire(new LockRequest("force", "runner-a", LEASE));
        LockHolder holder = lock.holder("force").orElseThrow();

        ForceUnlockResult result = lock.forceUnlock("force");

        assertEquals(Optional.of(holder), result.previousHolder());
        assertTrue(result.describe().contains("WARNING"), result.describe());
        assertEquals(Optional.empty(), lock.holder("force"));
        assertEquals(Optional.empty(), assertInstanceOf(RenewResult.Lost.class, lock.renew(held)).holder());
        assertEquals(held.fencingToken() + 1, acquire(new LockRequest("force", "runner-b", LEASE)).fencingToken());
        assertEquals(Optional.empty(), lock.forceUnlock("never-held").previousHolder());
    }

    @Test
    void aHeldLocksHeartbeatKeepsItPastSeveralLeases() throws Exception {
        try (HeldLock held = HeldLock.acquire(lock, new LockRequest("heartbeat", "runner-a", SHORT_LEASE))) {
            for (int second = 0; second < 7; second++) {
                Thread.sleep(1_000);
                held.checkHeld();
            }

            assertInstanceOf(LockAttempt.Refused.class, lock.tryAcquire(new LockRequest("heartbeat", "runner-b",
                    LEASE)));
            assertEquals(held.lease().fencingToken(), lock.holder("heartbeat").orElseThrow().fencingToken());
        }
        assertEquals(Optional.empty(), lock.holder("heartbeat"));
    }

    @Test
    void theLockOfAKilledRunnerIsTakenOverAfterItsLease(LocalCassandra cassandra, @TempDir Path dir)
            throws Exception {
        Path output = dir.resolve("holder.out");
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LeaseLockHolder.class.getName(),
                Integer.toString(cassandra.nativePort()), KEYSPACE, "killed", Long.toString(SHORT_LEASE.toMillis()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String owner = awaitAcquired(runner, output);
            assertTrue(owner.contains(":" + runner.pid() + ":"), owner);

            runner.destroyForcibly().waitFor();
            LockHolder killed = lock.holder("killed").orElseThrow();
            assertEquals(owner, killed.owner());

            try (HeldLock next = HeldLock.acquire(lock, new LockRequest("killed", "runner-b", LEASE), MAX_WAIT)) {
                assertFalse(Instant.now().isBefore(killed.expiresAt()), "taken over before the lease expired");
                assertTrue(next.lease().fencingToken() > killed.fencingToken());
            }
        } finally {
            runner.destroyForcibly();
        }
    }

    private static LockLease acquire(LockRequest request) {
        return assertInstanceOf(LockAttempt.Acquired.class, lock.tryAcquire(request)).lease();
    }

    /** The owner that the runner printed once it held the lock. */
    private static String awaitAcquired(Process runner, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(output)) {
                for (String line : Files.readAllLines(output)) {
                    if (line.startsWith("ACQUIRED ")) {
                        return line.substring("ACQUIRED ".length());
                    }
                }
            }
            if (!runner.isAlive()) {
                fail("The lock holding runner exited with " + runner.exitValue() + ":\n" + Files.readString(output));
            }
            Thread.sleep(100);
        }
        return fail("The lock holding runner did not acquire the lock within 60 s:\n" + Files.readString(output));
    }
}
