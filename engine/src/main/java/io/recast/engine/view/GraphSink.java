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

    /**
     * Writes graphs that the store does not hold yet: the replay into a target that the rebuild created. A sink may
     * skip removing old content, as long as writing the same graph again adds nothing (e.g. graphs with blank nodes
     * are still replaced). A graph written again with other content may then keep some of the old: only a replay
     * calls this, and the live projection that follows it replaces every graph changed since the replay started.
     */
    default WriteOutcome writeNew(List<ResourceGraph> graphs) {
        return write(graphs);
    }
}
