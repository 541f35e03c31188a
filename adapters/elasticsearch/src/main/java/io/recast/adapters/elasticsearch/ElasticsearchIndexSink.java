package io.recast.adapters.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.RejectedDocument;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.elasticsearch.client.RestClient;

/**
 * Writes documents into one Elasticsearch index with the Bulk API, idempotently: each document is indexed with
 * {@code _id} = its id, {@code version} = its version and {@code version_type=external}, so Elasticsearch keeps the
 * highest version and answers 409 to an older or equal one (counted stale, not an error).
 *
 * <p>A batch is split into requests of at most {@link Settings#maxBytes()} and {@link Settings#maxDocuments()}, sent
 * {@link Settings#inFlight()} at a time. Whole requests that fail for a transient reason, and items answered 429 or
 * 5xx, are retried under the retry policy; items refused for another reason (e.g. a mapping conflict) come back
 * rejected with Elasticsearch's reason. No refresh is asked for.
 */
public final class ElasticsearchIndexSink implements IndexSink, AutoCloseable {

    /** How a sink batches. */
    public record Settings(int maxBytes, int maxDocuments, int inFlight, RetryPolicy retry) {

        public Settings {
            Objects.requireNonNull(retry, "retry");
            if (maxBytes < 1 || maxDocuments < 1 || inFlight < 1) {
                throw new IllegalArgumentException("maxBytes, maxDocuments and inFlight must be positive");
            }
        }

        /** 5 MiB or 2,000 documents per request, 2 requests in flight, the default retry policy. */
        public static Settings defaults() {
            return new Settings(5 << 20, 2_000, 2, RetryPolicy.defaults());
        }

        public Settings withRetry(RetryPolicy value) {
            return new Settings(maxBytes, maxDocuments, inFlight, value);
        }

        public Settings withMaxBytes(int value) {
            return new Settings(value, maxDocuments, inFlight, retry);
        }
    }

    private final ElasticsearchCalls calls;
    private final String index;
    private final Settings settings;
    private final ExecutorService senders;

    public ElasticsearchIndexSink(RestClient client, String index, Settings settings) {
        this.calls = new ElasticsearchCalls(Objects.requireNonNull(client, "client"), settings.retry());
        this.index = Objects.requireNonNull(index, "index");
        this.settings = settings;
        this.senders = Executors.newFixedThreadPool(settings.inFlight(), runnable -> {
            Thread thread = new Thread(runnable, "recast-es-bulk");
            thread.setDaemon(true);
            return thread;
        });
    }

    public String index() {
        return index;
    }

    @Override
    public WriteOutcome write(List<IndexDocument> documents) {
        if (documents.isEmpty()) {
            return WriteOutcome.NOTHING;
        }
        List<Encoded> encoded = new ArrayList<>(documents.size());
        for (IndexDocument document : documents) {
            encoded.add(Encoded.of(document));
        }
        List<List<Encoded>> chunks = BulkChunks.split(encoded, Encoded::size, settings.maxBytes(),
                settings.maxDocuments());
        if (chunks.size() == 1) {
            return send(chunks.get(0));
        }
        List<CompletableFuture<WriteOutcome>> sent = new ArrayList<>();
        for (List<Encoded> chunk : chunks) {
            sent.add(CompletableFuture.supplyAsync(() -> send(chunk), senders));
        }
        WriteOutcome total = WriteOutcome.NOTHING;
        for (CompletableFuture<WriteOutcome> future : sent) {
            try {
                total = total.plus(future.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        return total;
    }

    /** Sends one request, then again the items that failed for a transient reason, until none is left. */
    private WriteOutcome send(List<Encoded> chunk) {
        WriteOutcome outcome = WriteOutcome.NOTHING;
        List<Encoded> pending = chunk;
        long firstItemFailure = 0;
        int attempt = 0;
        while (!pending.isEmpty()) {
            ElasticsearchCalls.Answer answer = calls.call("POST", "/" + index + "/_bulk", body(pending),
                    "application/x-ndjson", "a bulk request of " + pending.size() + " documents into " + index);
            if (!answer.ok()) {
                throw new ElasticsearchRequestException("Elasticsearch refused a bulk request into " + index
                        + ": HTTP " + answer.status() + " " + (answer.body() == null ? ""
                        : answer.body().path("error").toString())
                        + (answer.status() == 404 ? " (does the index exist?)" : ""));
            }
            JsonNode items = answer.body().path("items");
            int written = 0;
            int stale = 0;
            List<RejectedDocument> rejected = new ArrayList<>();
            List<Encoded> again = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                JsonNode item = items.path(i).path("index");
                int status = item.path("status").asInt();
                if (status == 200 || status == 201) {
                    written++;
                } else if (status == 409) {
                    stale++;
                } else if (status == 429 || status >= 500) {
                    again.add(pending.get(i));
                } else {
                    JsonNode error = item.path("error");
                    rejected.add(new RejectedDocument(pending.get(i).id(), "HTTP " + status + " "
                            + error.path("type").asText() + ": " + error.path("reason").asText()
                            + (error.has("caused_by") ? " (" + error.path("caused_by").path("reason").asText() + ")"
                            : "")));
                }
            }
            outcome = outcome.plus(new WriteOutcome(written, stale, rejected));
            pending = again;
            if (!pending.isEmpty()) {
                long now = System.nanoTime();
                firstItemFailure = firstItemFailure == 0 ? now : firstItemFailure;
                if (Duration.ofNanos(now - firstItemFailure).compareTo(settings.retry().giveUpAfter()) >= 0) {
                    throw new SinkUnavailableException(pending.size() + " documents were refused by " + index
                            + " with HTTP 429/5xx for longer than " + settings.retry().giveUpAfter()
                            + "; Elasticsearch is overloaded or unhealthy. A new run resumes from the last saved"
                            + " offset.", null);
                }
                sleep(settings.retry().delayBefore(++attempt));
            }
        }
        return outcome;
    }

    private static byte[] body(List<Encoded> documents) {
        int size = 0;
        for (Encoded document : documents) {
            size += document.size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (Encoded document : documents) {
            out.writeBytes(document.action());
            out.writeBytes(document.source());
        }
        return out.toByteArray();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("Interrupted while retrying a bulk request", e);
        }
    }

    @Override
    public void close() {
        senders.shutdown();
    }

    /** A document as the two lines of a bulk request. */
    private record Encoded(String id, byte[] action, byte[] source) {

        static Encoded of(IndexDocument document) {
            ObjectNode meta = ElasticsearchCalls.JSON.createObjectNode();
            meta.putObject("index").put("_id", document.id()).put("version", document.version())
                    .put("version_type", "external");
            try {
                byte[] action = (ElasticsearchCalls.JSON.writeValueAsString(meta) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] json = ElasticsearchCalls.JSON.writeValueAsBytes(document.source());
                byte[] source = new byte[json.length + 1];
                System.arraycopy(json, 0, source, 0, json.length);
                source[json.length] = '\n';
                return new Encoded(document.id(), action, source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int size() {
            return action.length + source.length;
        }
    }
}
