package io.recast.engine.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeldLockTest {

    private static final String LOCK = "pekko";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final InMemoryMigrationLock lock = new InMemoryMigrationLock();

    @Test
    void acquiresAFreeLockWithTheFirstFencingTokenAndHoldsIt() {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", MINUTE))) {
            held.checkHeld();

            assertEquals(1, held.lease().fencingToken());
            assertEquals("runner-a", lock.holder(LOCK).orElseThrow().owner());
        }
    }

    @Test
    void refusesALockHeldByAnotherOwnerNamingItAndTheWayOut() {
        lock.tryAcquire(request("runner-a", MINUTE));

        LockRefusedException refused = assertThrows(LockRefusedException.class,
                () -> HeldLock.acquire(lock, request("runner-b", MINUTE)));

        assertEquals("runner-a", refused.holder().owner());
        assertTrue(refused.getMessage().contains("held by runner-a"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force-unlock"), refused.getMessage());
        assertEquals("runner-a", lock.holder(LOCK).orElseThrow().owner());
    }

    @Test
    void waitsForTheLeaseOfAHolderThatStoppedRenewingThenTakesItOverWithAHigherToken() throws Exception {
        lock.tryAcquire(request("runner-a", Duration.ofMillis(300)));
        LockHolder crashed = lock.holder(LOCK).orElseThrow();

        try (HeldLock held = HeldLock.acquire(lock, request("runner-b", MINUTE), Duration.ofSeconds(10))) {
            assertTrue(!Instant.now().isBefore(crashed.expiresAt()), "taken over before the lease expired");
            assertEquals(2, held.lease().fencingToken());
            assertEquals("runner-b", lock.holder(LOCK).orElseThrow().owner());
        }
    }

    @Test
    void givesUpWaitingAfterMaxWaitNamingTheHolder() {
        lock.tryAcquire(request("runner-a", MINUTE));
        long started = System.nanoTime();

        LockRefusedException refused = assertThrows(LockRefusedException.class,
                () -> HeldLock.acquire(lock, request("runner-b", MINUTE), Duration.ofMillis(300)));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(300)) >= 0);
        assertTrue(refused.getMessage().startsWith("Waited 300 ms"), refused.getMessage());
        assertEquals("runner-a", refused.holder().owner());
    }

    @Test
    void itsHeartbeatKeepsTheLockPastSeveralLeases() throws Exception {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofSeconds(1)))) {
            Thread.sleep(3_500);

            held.checkHeld();
            assertTrue(lock.renewals() >= 3, "renewals: " + lock.renewals());
            assertInstanceOf(LockAttempt.Refused.class, lock.tryAcquire(request("runner-b", MINUTE)));
        }
    }

    @Test
    void checkHeldNamesTheNewHolderOnceTheLockChangedHands() {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofMillis(600)))) {
            lock.forceUnlock(LOCK);
            lock.tryAcquire(request("runner-b", MINUTE));

            IllegalStateException lost = awaitCheckHeldFailure(held);

            assertTrue(lost.getMessage().contains("Lost migration lock 'pekko' held as runner-a (fencing token 1)"),
                    lost.getMessage());
            assertTrue(lost.getMessage().contains("now held by runner-b"), lost.getMessage());
            assertTrue(lost.getMessage().contains("fencing token 2"), lost.getMessage());
        }
        assertEquals("runner-b", lock.holder(LOCK).orElseThrow().owner());
    }

    @Test
    void checkHeldFailsOnceNoRenewalSucceededForAWholeLease() {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofMillis(600)))) {
            lock.failRenewalsWith(new IllegalStateException("store unreachable"));

            IllegalStateException lapsed = awaitCheckHeldFailure(held);

            assertTrue(lapsed.getMessage().contains("has not been renewed for"), lapsed.getMessage());
            assertTrue(lapsed.getMessage().contains("store unreachable"), lapsed.getMessage());
        }
    }

    @Test
    void closeStopsTheHeartbeatAndReleasesTheLock() throws Exception {
        HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofMillis(300)));
        Thread.sleep(350);

        held.close();
        int renewalsAtClose = lock.renewals();
        Thread.sleep(400);

        assertTrue(renewalsAtClose >= 1, "the heartbeat never renewed before close");

        assertEquals(Optional.empty(), lock.holder(LOCK));
        assertEquals(renewalsAtClose, lock.renewals(), "the heartbeat renewed after close");
        IllegalStateException released = assertThrows(IllegalStateException.class, held::checkHeld);
        assertTrue(released.getMessage().contains("released"), released.getMessage());
    }

    @Test
    void theFenceOfARunnerPausedPastItsLeaseRefusesToWriteOnceAnotherRunnerTookTheLock() throws Exception {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofMillis(400)))) {
            // a pause: no renewal gets through for longer than the lease, and runner-b takes the lock over
            lock.failRenewalsWith(new IllegalStateException("paused"));
            Thread.sleep(500);
            assertInstanceOf(LockAttempt.Acquired.class, lock.tryAcquire(request("runner-b", MINUTE)));
            lock.failRenewalsWith(null);

            LockLostException lost = assertThrows(LockLostException.class, () -> held.fence().check());

            assertTrue(lost.getMessage().contains("now held by runner-b"), lost.getMessage());
            assertTrue(lost.getMessage().contains("stopped writing"), lost.getMessage());
            assertThrows(LockLostException.class, () -> held.fence().check(), "lost stays lost");
        }
        assertEquals("runner-b", lock.holder(LOCK).orElseThrow().owner());
    }

    @Test
    void theFenceRenewsALeaseThatAnOutageLeftUnconfirmedAndLetsTheRunnerGoOnWhenNobodyTookIt() throws Exception {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", Duration.ofMillis(400)))) {
            lock.failRenewalsWith(new IllegalStateException("store unreachable"));
            Thread.sleep(500);

            LockUnconfirmedException unconfirmed = assertThrows(LockUnconfirmedException.class,
                    () -> held.fence().check());
            assertTrue(unconfirmed.getMessage().contains("store unreachable"), unconfirmed.getMessage());
            lock.failRenewalsWith(null);
            int renewals = lock.renewals();

            held.fence().check();

            assertTrue(lock.renewals() > renewals, "the fence renewed the lease before letting the write through");
            held.checkHeld();
            assertEquals("runner-a", lock.holder(LOCK).orElseThrow().owner());
        }
    }

    @Test
    void theFenceCostsNoRoundTripWhileTheHeartbeatKeepsTheLeaseFresh() {
        try (HeldLock held = HeldLock.acquire(lock, request("runner-a", MINUTE))) {
            int renewals = lock.renewals();

            for (int i = 0; i < 1_000; i++) {
                held.fence().check();
            }

            assertEquals(renewals, lock.renewals());
        }
    }

    private static LockRequest request(String owner, Duration lease) {
        return new LockRequest(LOCK, owner, lease);
    }

    /** Polls {@link HeldLock#checkHeld()} until it throws (the heartbeat runs on its own thread). */
    private static IllegalStateException awaitCheckHeldFailure(HeldLock held) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                held.checkHeld();
                Thread.sleep(20);
            } catch (IllegalStateException e) {
                return e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return fail("checkHeld() still passes 10 s later");
    }
}
