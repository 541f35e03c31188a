/**
 * The read models of the v1.1 knowledge-graph service: {@link io.recast.kg.views.KgEntityViewProjector} folds an
 * entity's v1.1 events with the service's own {@link io.recast.kg.v1_1.Domain} into its Elasticsearch document and
 * its RDF graph.
 */
package io.recast.kg.views;
