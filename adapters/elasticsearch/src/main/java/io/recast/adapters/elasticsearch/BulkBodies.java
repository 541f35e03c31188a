package io.recast.adapters.elasticsearch;

import io.recast.engine.view.IndexDocument;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns documents, as they come, into the bodies of bulk {@code index} requests (no version check) of at most
 * {@code maxBytes} and {@code maxDocuments}, a larger document going alone, as {@link BulkChunks} splits a batch; each
 * full body goes to a consumer, so a stream of documents of any length is prepared with one body in memory.
 */
public final class BulkBodies {

    /** One bulk request's body (NDJSON: an action line and a source line per document) and its documents. */
    public record Body(int documents, byte[] bytes) {

        public Body {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private final int maxBytes;
    private final int maxDocuments;
    private final Consumer<Body> consumer;
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int documents;

    BulkBodies(int maxBytes, int maxDocuments, Consumer<Body> consumer) {
        if (maxBytes < 1 || maxDocuments < 1) {
            throw new IllegalArgumentException("maxBytes and maxDocuments must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxDocuments = maxDocuments;
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Adds a document; hands the current body over first when the document would overflow it. */
    public void add(IndexDocument document) {
        byte[] line = line(document);
        if (documents > 0 && ((long) current.size() + line.length > maxBytes || documents >= maxDocuments)) {
            handOver();
        }
        current.writeBytes(line);
        documents++;
    }

    /** Hands the last body over, if it holds any document. */
    public void finish() {
        if (documents > 0) {
            handOver();
        }
    }

    private void handOver() {
        Body body = new Body(documents, current.toByteArray());
        current = new ByteArrayOutputStream();
        documents = 0;
        consumer.accept(body);
    }

    private static byte[] line(IndexDocument document) {
        String action = "{\"index\":{\"_id\":" + quote(document.id()) + "}}\n";
        byte[] source = ElasticsearchCalls.bytes(document.source());
        ByteArrayOutputStream both = new ByteArrayOutputStream(action.length() + source.length + 1);
        both.writeBytes(action.getBytes(StandardCharsets.UTF_8));
        both.writeBytes(source);
        both.write('\n');
        return both.toByteArray();
    }

    private static String quote(String text) {
        try {
            return ElasticsearchCalls.JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
