/** Cassandra: connections, the Pekko journal ({@code messages}), its tag views and Recast's own tables. */
package io.recast.adapters.cassandra;
