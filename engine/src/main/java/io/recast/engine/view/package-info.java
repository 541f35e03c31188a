/**
 * The read models that projections write, as ports: {@link io.recast.engine.view.IndexSink} (one document per
 * entity, e.g. Elasticsearch) and {@link io.recast.engine.view.GraphSink} (one named graph per entity, e.g. an RDF
 * store). Writes are idempotent and versioned by the entity's revision, so a replay or a retried batch is harmless.
 * Adapters implement them; transient outages are retried inside the adapter under a {@link
 * io.recast.engine.view.RetryPolicy} and end in {@link io.recast.engine.view.SinkUnavailableException}; documents that
 * can never be written come back as {@link io.recast.engine.view.RejectedDocument}s, to be recorded, never dropped.
 */
package io.recast.engine.view;
