/**
 * Pekko Projection based projections. {@link io.recast.projections.TokenRangeSlices} runs work per token range of
 * {@code messages} as projections with offsets in Cassandra (the rebuilds); the {@code tagviews} package rebuilds the
 * plugin's tag views, the {@code views} package the Elasticsearch and RDF read models (replay and live).
 */
package io.recast.projections;
