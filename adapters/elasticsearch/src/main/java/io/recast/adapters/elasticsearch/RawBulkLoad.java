package io.recast.adapters.elasticsearch;

import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.elasticsearch.client.RestClient;

/**
 * The physical limit that benchmarks compare the sink with: plain bulk {@code index} requests of the same documents
 * (no version check), sized and sent in flight as the sink's settings say.
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
        List<byte[]> lines = new ArrayList<>(documents.size());
        for (IndexDocument document : documents) {
            String action = "{\"index\":{\"_id\":" + quote(document.id()) + "}}\n";
            byte[] source = ElasticsearchCalls.bytes(document.source());
            ByteArrayOutputStream both = new ByteArrayOutputStream(action.length() + source.length + 1);
            both.writeBytes(action.getBytes(StandardCharsets.UTF_8));
            both.writeBytes(source);
            both.write('\n');
            lines.add(both.toByteArray());
        }
        List<List<byte[]>> chunks = BulkChunks.split(lines, line -> line.length, settings.maxBytes(),
                settings.maxDocuments());
        ExecutorService senders = Executors.newFixedThreadPool(settings.inFlight());
        try {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (List<byte[]> chunk : chunks) {
                sent.add(CompletableFuture.runAsync(() -> send(index, chunk), senders));
            }
            sent.forEach(CompletableFuture::join);
        } finally {
            senders.shutdown();
        }
        return new Result(documents.size(), chunks.size(), System.nanoTime() - started);
    }

    private void send(String index, List<byte[]> chunk) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        chunk.forEach(body::writeBytes);
        ElasticsearchCalls.Answer answer = calls.call("POST", "/" + index + "/_bulk", body.toByteArray(),
                "application/x-ndjson", "a raw bulk load into " + index);
        if (!answer.ok() || answer.body().path("errors").asBoolean()) {
            throw new ElasticsearchRequestException("The raw bulk load into " + index + " failed: HTTP "
                    + answer.status());
        }
    }

    private static String quote(String text) {
        try {
            return ElasticsearchCalls.JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
