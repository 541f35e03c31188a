package io.recast.engine.view;

import java.util.List;

/**
 * Writes documents into one index (e.g. an Elasticsearch index). Idempotent and version-aware: a document whose
 * version is not above the stored one's is counted stale and left as it is.
 */
public interface IndexSink {

    /**
     * Writes a batch and returns when every document is stored, stale or rejected.
     *
     * @throws SinkUnavailableException when the index stayed unreachable past the retry policy
     */
    WriteOutcome write(List<IndexDocument> documents);
}
