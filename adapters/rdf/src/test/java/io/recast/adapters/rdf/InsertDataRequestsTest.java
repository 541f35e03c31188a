package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.junit.jupiter.api.Test;

class InsertDataRequestsTest {

    private static final ValueFactory VF = SimpleValueFactory.getInstance();
    private static final IRI NAME = VF.createIRI("https://schema.example.org/name");

    @Test
    void handsOverARequestEachTimeItIsFullAndTheRestAtTheEnd() {
        List<InsertDataRequests.Request> requests = new ArrayList<>();
        InsertDataRequests splitter = new InsertDataRequests(2, requests::add);

        for (int n = 0; n < 5; n++) {
            splitter.add(VF.createStatement(VF.createIRI("https://example.org/r/" + n), NAME,
                    VF.createLiteral("n" + n), VF.createIRI("https://example.org/g/" + n)));
        }
        assertEquals(2, requests.size());
        splitter.finish();

        assertEquals(List.of(2, 2, 1), requests.stream().map(InsertDataRequests.Request::statements).toList());
        InsertDataRequests.Request last = requests.get(2);
        assertEquals("INSERT DATA {\nGRAPH <https://example.org/g/4> {\n"
                + "<https://example.org/r/4> <https://schema.example.org/name> \"n4\" .\n}\n}", last.body());
        assertTrue(requests.get(0).body().contains("<https://example.org/r/1>"), requests.get(0).body());
    }

    @Test
    void nothingGivesNoRequest() {
        List<InsertDataRequests.Request> requests = new ArrayList<>();
        new InsertDataRequests(10, requests::add).finish();

        assertEquals(List.of(), requests);
    }

    @Test
    void refusesEmptyRequests() {
        assertThrows(IllegalArgumentException.class, () -> new InsertDataRequests(0, request -> { }));
    }
}
