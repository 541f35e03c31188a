/** RDF through RDF4J: Blazegraph's SPARQL endpoint and namespaces, or an embedded RDF4J native store. */
package io.recast.adapters.rdf;
