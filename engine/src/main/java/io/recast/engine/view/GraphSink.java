package io.recast.engine.view;

import java.util.List;

/**
 * Writes named graphs into one RDF dataset (e.g. a Blazegraph namespace). Each graph is replaced as a whole, so a
 * graph written twice is stored once.
 */
public interface GraphSink {

    /**
     * Replaces every graph of the batch and returns when they are stored or rejected.
     *
     * @throws SinkUnavailableException when the store stayed unreachable past the retry policy
     */
    WriteOutcome write(List<ResourceGraph> graphs);
}
