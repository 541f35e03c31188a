/** Pekko Projection based projections: the tag view rebuild, and (to come) Elasticsearch and RDF. */
package io.recast.projections;
