package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.view.GraphSink;
import io.recast.engine.view.RejectedDocument;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.util.Models;
import org.junit.jupiter.api.Test;

/** What every {@link GraphSink} of this module does, run against each store by a subclass. */
abstract class GraphSinkContract {

    /** The sink under test, on an empty store. */
    abstract GraphSink sink();

    /** A reader on the same store. */
    abstract GraphReader reader();

    /** Everything the store holds, literals canonical. */
    Model stored() {
        Model all = new LinkedHashModel();
        for (String graph : reader().graphs()) {
            all.addAll(reader().graph(graph));
        }
        return CanonicalLiterals.of(all);
    }

    static void assertIsomorphic(Model expected, Model actual) {
        assertTrue(Models.isomorphic(expected, actual), () -> "expected " + expected.size() + " statements:\n"
                + expected + "\nbut the store holds " + actual.size() + ":\n" + actual);
    }

    static Set<String> iris(List<ResourceGraph> graphs) {
        Set<String> iris = new TreeSet<>();
        graphs.forEach(graph -> iris.add(graph.graph()));
        return iris;
    }

    @Test
    void storesEachGraphSoThatItReadsBackAsItsJsonLd() {
        List<ResourceGraph> people = SampleGraphs.people(40, 3);

        WriteOutcome outcome = sink().write(people);

        assertEquals(new WriteOutcome(40, 0, List.of()), outcome);
        assertEquals(40, reader().graphCount());
        assertEquals(iris(people), new TreeSet<>(reader().graphs()));
        assertEquals(40 * 15, reader().statementCount());
        for (ResourceGraph person : List.of(people.get(0), people.get(17), people.get(39))) {
            assertIsomorphic(SampleGraphs.expected(List.of(person)),
                    CanonicalLiterals.of(reader().graph(person.graph())));
        }
        assertIsomorphic(SampleGraphs.expected(people), stored());
    }

    @Test
    void writingTheSameBatchTwiceStoresEachGraphOnce() {
        List<ResourceGraph> people = SampleGraphs.people(25, 2);
        sink().write(people);
        long statements = reader().statementCount();

        WriteOutcome again = sink().write(people);

        assertEquals(25, again.written());
        assertEquals(25, reader().graphCount());
        assertEquals(statements, reader().statementCount());
        assertEquals(25 * 14, statements);
        assertIsomorphic(SampleGraphs.expected(people), stored());
    }

    @Test
    void newGraphsWrittenTwiceAreStoredOnceWithOrWithoutBlankNodes() {
        List<ResourceGraph> graphs = new ArrayList<>(SampleGraphs.people(10, 2));
        for (int n = 100; n < 110; n++) {
            graphs.add(SampleGraphs.namedOnly(n));
        }
        assertEquals(20, sink().writeNew(graphs).written());
        long statements = reader().statementCount();

        WriteOutcome again = sink().writeNew(graphs);

        assertEquals(20, again.written());
        assertEquals(20, reader().graphCount());
        assertEquals(statements, reader().statementCount(), "no second copy of any statement or blank node");
        assertIsomorphic(SampleGraphs.expected(graphs), stored());
    }

    @Test
    void anUpdatedGraphWithFewerStatementsReplacesItsOldContentEntirely() {
        sink().write(List.of(SampleGraphs.person(1, 1, 10), SampleGraphs.person(2, 1, 10)));
        ResourceGraph smaller = SampleGraphs.person(1, 2, 1);

        sink().write(List.of(smaller));

        assertIsomorphic(SampleGraphs.expected(List.of(smaller)),
                CanonicalLiterals.of(reader().graph(SampleGraphs.iri(1))));
        assertIsomorphic(SampleGraphs.expected(List.of(smaller, SampleGraphs.person(2, 1, 10))), stored());
        assertEquals(13 + 22, reader().statementCount());
    }

    @Test
    void aGraphWrittenTwiceInOneBatchKeepsItsLastContent() {
        ResourceGraph first = SampleGraphs.person(5, 1, 6);
        ResourceGraph last = SampleGraphs.person(5, 2, 2);

        sink().write(List.of(first, last));

        assertEquals(1, reader().graphCount());
        assertIsomorphic(SampleGraphs.expected(List.of(last)), stored());
    }

    @Test
    void aRejectedGraphDoesNotPreventTheOthers() {
        List<ResourceGraph> batch = new ArrayList<>(SampleGraphs.people(3, 1));
        batch.add(1, SampleGraphs.withRemoteContext(100));
        batch.add(SampleGraphs.malformed(101));

        WriteOutcome outcome = sink().write(batch);

        assertEquals(3, outcome.written());
        assertEquals(List.of(SampleGraphs.iri(100), SampleGraphs.iri(101)),
                outcome.rejected().stream().map(RejectedDocument::id).toList());
        assertEquals("remote context <http://127.0.0.1:1/ctx.jsonld> is not allowed: inline it",
                outcome.rejected().get(0).reason());
        assertTrue(outcome.rejected().get(1).reason().contains("does not expand"), outcome.rejected().get(1).reason());
        assertEquals(iris(SampleGraphs.people(3, 1)), new TreeSet<>(reader().graphs()));
        assertIsomorphic(SampleGraphs.expected(SampleGraphs.people(3, 1)), stored());
    }

    @Test
    void aRejectedUpdateLeavesTheStoredGraphAsItWas() {
        ResourceGraph stored = SampleGraphs.person(100, 1, 2);
        sink().write(List.of(stored));

        WriteOutcome outcome = sink().write(List.of(SampleGraphs.withRemoteContext(100)));

        assertEquals(0, outcome.written());
        assertEquals(1, outcome.rejected().size());
        assertIsomorphic(SampleGraphs.expected(List.of(stored)), stored());
    }

    @Test
    void anEmptyBatchWritesNothing() {
        assertEquals(WriteOutcome.NOTHING, sink().write(List.of()));
        assertEquals(0, reader().graphCount());
    }
}
