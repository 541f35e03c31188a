package io.recast.adapters.rdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for SPARQL updates: one request in flight at a time per endpoint; the updates that callers hand in
 * meanwhile wait, then leave together as one request of several operations (one transaction: one commit in
 * Blazegraph, whose writes are serialized anyway). Many small writes of concurrent token ranges then cost a few
 * commits instead of one each. Every caller returns once its own update is applied (or failed), in the order they
 * came.
 *
 * <p>An update that labels blank nodes leaves alone (labels are scoped to a request). A combined request that the
 * endpoint refuses (HTTP 400) is sent again update by update, so that each caller gets its own answer; a failure of
 * the endpoint (unavailable past the retry policy, a refusal no retry fixes) reaches every caller of the request.
 */
final class GroupedUpdates {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GroupedUpdates.class);

    private final Function<String, UpdateResult> endpoint;
    private final int maxChars;
    private final ReentrantLock sending = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param endpoint sends one request (and retries transient failures)
     * @param maxChars how long a combined request may grow (one update alone may be longer)
     */
    GroupedUpdates(Function<String, UpdateResult> endpoint, int maxChars) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** Applies {@code update}, with whatever other updates are waiting when its turn comes. */
    UpdateResult execute(SparqlUpdates update) {
        return execute(update.toString(), !update.hasBlankNodes());
    }

    /**
     * Applies {@code update}; {@code combinable}: whether it may share a request with others.
     *
     * @throws SinkUnavailableException as {@link SparqlUpdateEndpoint#execute}
     * @throws RdfStoreException        as {@link SparqlUpdateEndpoint#execute}
     */
    UpdateResult execute(String update, boolean combinable) {
        Pending mine = new Pending(update, combinable, new CompletableFuture<>());
        queue.add(mine);
        sending.lock();
        try {
            while (!mine.result.isDone()) {
                send(nextGroup());
            }
        } finally {
            sending.unlock();
        }
        try {
            return mine.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** How many updates wait for their turn (those of the request in flight excluded). */
    int waiting() {
        return queue.size();
    }

    private record Pending(String update, boolean combinable, CompletableFuture<UpdateResult> result) {
    }

    /** The updates at the head of the queue that go in one request (at least one); called holding the lock. */
    private List<Pending> nextGroup() {
        List<Pending> group = new ArrayList<>();
        int chars = 0;
        Pending next;
        while ((next = queue.peek()) != null) {
            boolean fits = group.isEmpty()
                    || (next.combinable && group.get(0).combinable && chars + next.update.length() <= maxChars);
            if (!fits) {
                break;
            }
            queue.poll();
            group.add(next);
            chars += next.update.length() + 3;
        }
        return group;
    }

    private void send(List<Pending> group) {
        if (log.isDebugEnabled()) {
            log.debug("one request for {} update(s) of {} chars, {} waiting", group.size(),
                    group.stream().mapToInt(pending -> pending.update.length()).sum(), queue.size());
        }
        if (group.size() == 1) {
            sendAlone(group.get(0));
            return;
        }
        StringBuilder combined = new StringBuilder();
        for (Pending pending : group) {
            if (combined.length() > 0) {
                combined.append(" ;\n");
            }
            combined.append(pending.update);
        }
        UpdateResult result;
        try {
            result = endpoint.apply(combined.toString());
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.result.completeExceptionally(e));
            return;
        }
        if (result.accepted()) {
            group.forEach(pending -> pending.result.complete(result));
        } else {
            group.forEach(this::sendAlone);
        }
    }

    private void sendAlone(Pending pending) {
        try {
            pending.result.complete(endpoint.apply(pending.update));
        } catch (RuntimeException e) {
            pending.result.completeExceptionally(e);
        }
    }
}
