/**
 * RDF through RDF4J: the {@link io.recast.engine.view.GraphSink} port on Blazegraph's SPARQL endpoint or on an
 * embedded RDF4J native store, and the means to check what they hold.
 *
 * <ul>
 *   <li>{@link io.recast.adapters.rdf.JsonLdGraphs} turns the JSON-LD documents of a
 *       {@link io.recast.engine.view.ResourceGraph} into statements of its named graph
 *       ({@link io.recast.adapters.rdf.ConvertedGraph}); contexts must be inline, a remote one is refused without
 *       being fetched.</li>
 *   <li>{@link io.recast.adapters.rdf.SparqlGraphSink} replaces each graph with
 *       {@code DROP SILENT GRAPH ; INSERT DATA} requests, retrying outages under a
 *       {@link io.recast.engine.view.RetryPolicy}; {@link io.recast.adapters.rdf.NativeStoreGraphSink} does the same
 *       in one transaction per batch when no endpoint is configured.</li>
 *   <li>{@link io.recast.adapters.rdf.GraphReader} ({@link io.recast.adapters.rdf.SparqlGraphReader},
 *       {@link io.recast.adapters.rdf.NativeStoreGraphSink#reader()}) reads graphs and counts back;
 *       {@link io.recast.adapters.rdf.CanonicalLiterals} makes Blazegraph's inlined values comparable with what was
 *       written.</li>
 *   <li>{@link io.recast.adapters.rdf.BlazegraphNamespaces} creates and drops namespaces;
 *       {@link io.recast.adapters.rdf.RawSparqlLoad} is the plain {@code INSERT DATA} baseline for benchmarks.</li>
 * </ul>
 */
package io.recast.adapters.rdf;
