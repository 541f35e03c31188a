package io.recast.adapters.elasticsearch;

import io.recast.engine.view.IndexDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.elasticsearch.client.RestClient;

/**
 * The physical limit that benchmarks compare the sink with: plain bulk {@code index} requests of the same documents
 * (no version check), sized and sent in flight as the sink's settings say. The bodies can be prepared beforehand
 * ({@link #bodies(Consumer)}, e.g. into a file) and sent later ({@link #send(String, Iterator)}), so that only the
 * sending is timed and the documents need not all be in memory.
 */
public final class RawBulkLoad {

    /** What a load did. */
    public record Result(long documents, int requests, long elapsedNanos) {

        public double documentsPerSecond() {
            return documents / (elapsedNanos / 1e9);
        }
    }

    private final ElasticsearchCalls calls;
    private final ElasticsearchIndexSink.Settings settings;

    public RawBulkLoad(RestClient client, ElasticsearchIndexSink.Settings settings) {
        this.calls = new ElasticsearchCalls(client, settings.retry());
        this.settings = settings;
    }

    /** Loads the documents into the index and returns when Elasticsearch has acknowledged every request. */
    public Result load(String index, List<IndexDocument> documents) {
        long started = System.nanoTime();
        List<BulkBodies.Body> bodies = new ArrayList<>();
        BulkBodies preparing = bodies(bodies::add);
        documents.forEach(preparing::add);
        preparing.finish();
        Result sent = send(index, bodies.iterator());
        return new Result(sent.documents(), sent.requests(), System.nanoTime() - started);
    }

    /** Prepares the bodies this load sends, split as its settings say, handing each to {@code consumer}. */
    public BulkBodies bodies(Consumer<BulkBodies.Body> consumer) {
        return new BulkBodies(settings.maxBytes(), settings.maxDocuments(), consumer);
    }

    /**
     * Sends prepared bodies into the index, as many in flight as the settings say, taking the next body only when a
     * sender is free; returns when Elasticsearch has acknowledged every request, timed from the first body taken.
     *
     * @throws ElasticsearchRequestException when a request fails (the others in flight are waited for first)
     */
    public Result send(String index, Iterator<BulkBodies.Body> bodies) {
        int inFlight = settings.inFlight();
        Semaphore free = new Semaphore(inFlight);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        long started = System.nanoTime();
        long documents = 0;
        int requests = 0;
        try {
            while (failure.get() == null && bodies.hasNext()) {
                BulkBodies.Body body = bodies.next();
                free.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        send(index, body.bytes());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        free.release();
                    }
                });
                documents += body.documents();
                requests++;
            }
            free.acquireUninterruptibly(inFlight);
        } finally {
            senders.shutdown();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(documents, requests, System.nanoTime() - started);
    }

    private void send(String index, byte[] body) {
        ElasticsearchCalls.Answer answer = calls.call("POST", "/" + index + "/_bulk", body,
                "application/x-ndjson", "a raw bulk load into " + index);
        if (!answer.ok() || answer.body().path("errors").asBoolean()) {
            throw new ElasticsearchRequestException("The raw bulk load into " + index + " failed: HTTP "
                    + answer.status());
        }
    }
}
