/** The migration lock: one runner per keyspace, held by a renewed lease that expires by itself when its runner dies. */
package io.recast.engine.migration;
