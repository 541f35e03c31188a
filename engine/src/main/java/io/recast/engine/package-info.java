/**
 * Recast's storage-free core.
 *
 * <p>Everything under {@code io.recast.engine} works on the event model and the ports declared here;
 * nothing in it imports a database driver, a search client or Pekko. Adapters modules implement the
 * ports for Cassandra, Elasticsearch and RDF stores.
 *
 * <ul>
 *   <li>{@link io.recast.engine.event} - the immutable, lazy event model read from the journal;</li>
 *   <li>{@link io.recast.engine.upcast} - the upcaster SPI, its base classes and the chain that runs them;</li>
 *   <li>{@link io.recast.engine.testkit} - JUnit 5 fixtures for upcaster authors.</li>
 * </ul>
 */
package io.recast.engine;
