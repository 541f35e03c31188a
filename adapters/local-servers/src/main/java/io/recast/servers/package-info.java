/**
 * Real servers as local processes: Apache Cassandra, Elasticsearch and Blazegraph, started from the artifacts that
 * Maven Central serves, bound to 127.0.0.1, with their data and logs under one folder.
 *
 * <p>{@link io.recast.servers.LocalServers} is the entry point; each server is a {@link io.recast.servers.LocalServer}.
 * Tests use {@link io.recast.servers.junit.RealServersExtension}; operators use {@code recast servers start}.
 */
package io.recast.servers;
