package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.recast.engine.view.SinkUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedUpdatesTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void updatesHandedInWhileARequestIsInFlightLeaveTogetherInTheNextOne() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupedUpdates grouped = new GroupedUpdates(update -> {
            requests.add(update);
            if (requests.size() == 1) {
                firstSent.countDown();
                await(othersQueued);
            }
            return UpdateResult.ok(200);
        }, 1_000);

        CompletableFuture<UpdateResult> first = call(grouped, "INSERT DATA { <a> <p> 1 }", true);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<UpdateResult>> others = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            others.add(call(grouped, "INSERT DATA { <a> <p> " + i + " }", true));
        }
        waitUntilQueued(grouped, 3);
        othersQueued.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).accepted());
        for (CompletableFuture<UpdateResult> other : others) {
            assertTrue(other.get(10, TimeUnit.SECONDS).accepted());
        }
        assertEquals(2, requests.size(), "one request for the first, one for the three that waited: " + requests);
        String second = requests.get(1);
        assertEquals(3, second.split(" ;\n").length, second);
        for (int i = 2; i <= 4; i++) {
            assertTrue(second.contains("<p> " + i + " }"), second);
        }
    }

    @Test
    void anUpdateThatLabelsBlankNodesLeavesAlone() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupedUpdates grouped = new GroupedUpdates(update -> {
            requests.add(update);
            if (requests.size() == 1) {
                firstSent.countDown();
                await(othersQueued);
            }
            return UpdateResult.ok(200);
        }, 1_000);

        CompletableFuture<UpdateResult> first = call(grouped, "first", true);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        CompletableFuture<UpdateResult> blank = call(grouped, "INSERT DATA { _:g0b0 <p> 1 }", false);
        waitUntilQueued(grouped, 1);
        CompletableFuture<UpdateResult> plain = call(grouped, "INSERT DATA { <a> <p> 2 }", true);
        waitUntilQueued(grouped, 2);
        othersQueued.countDown();

        first.get(10, TimeUnit.SECONDS);
        blank.get(10, TimeUnit.SECONDS);
        plain.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first", "INSERT DATA { _:g0b0 <p> 1 }", "INSERT DATA { <a> <p> 2 }"), requests);
    }

    @Test
    void aRefusedCombinedRequestIsSentAgainUpdateByUpdateSoEachCallerGetsItsOwnAnswer() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupedUpdates grouped = new GroupedUpdates(update -> {
            requests.add(update);
            if (requests.size() == 1) {
                firstSent.countDown();
                await(othersQueued);
            }
            return update.contains("bad") ? UpdateResult.refused(400, "syntax") : UpdateResult.ok(200);
        }, 1_000);

        CompletableFuture<UpdateResult> first = call(grouped, "first", true);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        CompletableFuture<UpdateResult> good = call(grouped, "good", true);
        waitUntilQueued(grouped, 1);
        CompletableFuture<UpdateResult> bad = call(grouped, "bad", true);
        waitUntilQueued(grouped, 2);
        othersQueued.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).accepted());
        assertTrue(good.get(10, TimeUnit.SECONDS).accepted());
        UpdateResult refused = bad.get(10, TimeUnit.SECONDS);
        assertFalse(refused.accepted());
        assertEquals(400, refused.status());
        assertEquals(List.of("first", "good ;\nbad", "good", "bad"), requests);
    }

    @Test
    void aFailureOfTheEndpointReachesEveryCallerOfTheRequest() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        SinkUnavailableException down = new SinkUnavailableException("down", null);
        GroupedUpdates grouped = new GroupedUpdates(update -> {
            requests.add(update);
            if (requests.size() == 1) {
                firstSent.countDown();
                await(othersQueued);
                return UpdateResult.ok(200);
            }
            throw down;
        }, 1_000);

        CompletableFuture<UpdateResult> first = call(grouped, "first", true);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        CompletableFuture<UpdateResult> a = call(grouped, "a", true);
        CompletableFuture<UpdateResult> b = call(grouped, "b", true);
        waitUntilQueued(grouped, 2);
        othersQueued.countDown();

        assertTrue(first.get(10, TimeUnit.SECONDS).accepted());
        for (CompletableFuture<UpdateResult> failed : List.of(a, b)) {
            Exception e = assertThrows(Exception.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertSame(down, e.getCause());
        }
        assertEquals(2, requests.size(), requests.toString());
    }

    @Test
    void aCombinedRequestStaysWithinItsLengthBound() throws Exception {
        CountDownLatch firstSent = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupedUpdates grouped = new GroupedUpdates(update -> {
            requests.add(update);
            if (requests.size() == 1) {
                firstSent.countDown();
                await(othersQueued);
            }
            return UpdateResult.ok(200);
        }, 25);

        CompletableFuture<UpdateResult> first = call(grouped, "first", true);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<UpdateResult>> others = new ArrayList<>();
        for (String update : List.of("aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc")) {
            others.add(call(grouped, update, true));
            waitUntilQueued(grouped, others.size());
        }
        othersQueued.countDown();

        for (CompletableFuture<UpdateResult> other : others) {
            assertTrue(other.get(10, TimeUnit.SECONDS).accepted());
        }
        assertEquals(List.of("first", "aaaaaaaaaa ;\nbbbbbbbbbb", "cccccccccc"), requests);
    }

    private CompletableFuture<UpdateResult> call(GroupedUpdates grouped, String update, boolean combinable) {
        return CompletableFuture.supplyAsync(() -> grouped.execute(update, combinable), callers);
    }

    /** Waits until {@code n} updates wait behind the request in flight. */
    private static void waitUntilQueued(GroupedUpdates grouped, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (grouped.waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + grouped.waiting() + " updates waiting, expected " + n);
            }
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test did not release the request in flight");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
