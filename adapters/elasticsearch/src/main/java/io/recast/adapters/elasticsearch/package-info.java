/** Elasticsearch: clients from settings, and the index sink of the projections. */
package io.recast.adapters.elasticsearch;
