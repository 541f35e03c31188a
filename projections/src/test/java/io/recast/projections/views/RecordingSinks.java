package io.recast.projections.views;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory sinks for the projection tests (the real sinks have their own tests on the real servers): they keep
 * the highest version of each document as Elasticsearch's external versioning does, count every write, and can
 * be told to fail after some writes, as a server that goes away.
 */
final class RecordingSinks {

    final Map<String, IndexDocument> documents = new TreeMap<>();
    final Map<String, ResourceGraph> graphs = new TreeMap<>();
    final AtomicInteger documentWrites = new AtomicInteger();
    final AtomicInteger regressions = new AtomicInteger();
    private volatile int failAfterWrites = Integer.MAX_VALUE;
    private final AtomicInteger batches = new AtomicInteger();

    /** Every write after the next {@code n} batches throws {@link SinkUnavailableException}. */
    void failAfter(int n) {
        batches.set(0);
        failAfterWrites = n;
    }

    void heal() {
        failAfterWrites = Integer.MAX_VALUE;
    }

    final IndexSink index = new IndexSink() {
        @Override
        public WriteOutcome write(List<IndexDocument> batch) {
            if (batches.incrementAndGet() > failAfterWrites) {
                throw new SinkUnavailableException("index down (test)", null);
            }
            int written = 0;
            int stale = 0;
            synchronized (documents) {
                for (IndexDocument document : batch) {
                    documentWrites.incrementAndGet();
                    IndexDocument stored = documents.get(document.id());
                    if (stored != null && stored.version() >= document.version()) {
                        stale++;
                        if (stored.version() > document.version()) {
                            regressions.incrementAndGet();
                        }
                    } else {
                        documents.put(document.id(), document);
                        written++;
                    }
                }
            }
            return new WriteOutcome(written, stale, List.of());
        }
    };

    final GraphSink graph = batch -> {
        synchronized (graphs) {
            batch.forEach(g -> graphs.put(g.graph(), g));
        }
        return new WriteOutcome(batch.size(), 0, List.of());
    };
}
