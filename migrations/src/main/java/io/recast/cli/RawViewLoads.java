package io.recast.cli;

import io.recast.adapters.elasticsearch.BulkBodies;
import io.recast.adapters.elasticsearch.RawBulkLoad;
import io.recast.adapters.rdf.InsertDataRequests;
import io.recast.adapters.rdf.JsonLdGraphs;
import io.recast.adapters.rdf.RawLoadResult;
import io.recast.adapters.rdf.RawSparqlLoad;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.IndexSink;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.rdf4j.model.Statement;

/**
 * The raw limits of the replay, prepared: the documents the journal folds to, as the bodies of plain bulk requests,
 * and the triples of its graphs, as plain {@code INSERT DATA} requests, each in a {@link SpillFile}. {@link #prepare}
 * folds the journal one token range after the other and renders the requests as they come, untimed and with bounded
 * memory; {@link #loadDocuments} and {@link #loadTriples} stream them back to the raw writers, which time only the
 * sending. The spill files are deleted on {@link #close()}.
 */
final class RawViewLoads implements AutoCloseable {

    private final SpillFile documents;
    private final SpillFile triples;
    private final AtomicLong graphs = new AtomicLong();

    private RawViewLoads(SpillFile documents, SpillFile triples) {
        this.documents = documents;
        this.triples = triples;
    }

    /** Folds the journal of {@code ks} with {@code views} and spills the requests of both raw loads into {@code dir}. */
    static RawViewLoads prepare(ViewBench views, String ks, RawBulkLoad bulk, RawSparqlLoad sparql, Path dir) {
        RawViewLoads loads = new RawViewLoads(SpillFile.create(dir, "bulk-bodies"),
                SpillFile.create(dir, "insert-data"));
        try {
            loads.fill(views, ks, bulk, sparql);
            return loads;
        } catch (RuntimeException e) {
            loads.close();
            throw e;
        }
    }

    private void fill(ViewBench views, String ks, RawBulkLoad bulk, RawSparqlLoad sparql) {
        BulkBodies bodies = bulk.bodies(body -> documents.append(body.documents(), body.bytes()));
        InsertDataRequests requests = sparql.requests(request -> triples.append(request.statements(),
                request.body().getBytes(StandardCharsets.UTF_8)));
        JsonLdGraphs jsonLd = new JsonLdGraphs();
        IndexSink index = batch -> {
            synchronized (bodies) {
                batch.forEach(bodies::add);
            }
            return new WriteOutcome(batch.size(), 0, List.of());
        };
        GraphSink graph = batch -> {
            synchronized (requests) {
                for (ResourceGraph resource : batch) {
                    for (Statement statement : jsonLd.toRdf(resource).statements()) {
                        requests.add(statement);
                    }
                    graphs.incrementAndGet();
                }
            }
            return new WriteOutcome(batch.size(), 0, List.of());
        };
        views.fold(ks, index, graph);
        bodies.finish();
        requests.finish();
    }

    /** What the journal folds to: its documents, its graphs and their triples. */
    record Counts(long documents, long graphs, long triples) {
    }

    /** What the journal folded to. */
    Counts counts() {
        return new Counts(documents(), graphs(), triples());
    }

    /** The documents the journal folds to. */
    long documents() {
        return documents.items();
    }

    /** The graphs the journal folds to. */
    long graphs() {
        return graphs.get();
    }

    /** The triples of those graphs. */
    long triples() {
        return triples.items();
    }

    /** The raw bulk load of the documents into {@code index} (read back from disk as it goes). */
    RawBulkLoad.Result loadDocuments(RawBulkLoad bulk, String index) {
        return bulk.send(index, map(documents.read(), record -> new BulkBodies.Body(record.items(),
                record.bytes())));
    }

    /** The raw {@code INSERT DATA} load of the triples (read back from disk as it goes). */
    RawLoadResult loadTriples(RawSparqlLoad sparql) {
        return sparql.send(map(triples.read(), record -> new InsertDataRequests.Request(record.items(),
                new String(record.bytes(), StandardCharsets.UTF_8))));
    }

    @Override
    public void close() {
        try {
            documents.close();
        } finally {
            triples.close();
        }
    }

    private static <T> Iterator<T> map(Iterator<SpillFile.Record> records, Function<SpillFile.Record, T> convert) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public T next() {
                return convert.apply(records.next());
            }
        };
    }
}
