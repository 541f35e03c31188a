package io.recast.adapters.rdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recast.engine.view.GraphSink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeStoreGraphSinkTest extends GraphSinkContract {

    @TempDir
    Path folder;
    private NativeStoreGraphSink sink;

    @BeforeEach
    void open() {
        sink = new NativeStoreGraphSink(folder.resolve("store"));
    }

    @AfterEach
    void close() {
        sink.close();
    }

    @Override
    GraphSink sink() {
        return sink;
    }

    @Override
    GraphReader reader() {
        return sink.reader();
    }

    @Test
    void keepsTheGraphsWhenTheStoreIsOpenedAgain() {
        sink.write(SampleGraphs.people(5, 1));
        sink.close();

        sink = new NativeStoreGraphSink(folder.resolve("store"));

        assertEquals(5, sink.reader().graphCount());
        assertIsomorphic(SampleGraphs.expected(SampleGraphs.people(5, 1)), stored());
        assertEquals(List.of(), sink.write(SampleGraphs.people(5, 1)).rejected());
    }
}
