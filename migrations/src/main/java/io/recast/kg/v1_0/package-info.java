/**
 * Version 1.0 of the knowledge-graph service: the legacy event model ({@link io.recast.kg.v1_0.KgEvent}), its
 * commands, the pure domain ({@link io.recast.kg.v1_0.Domain}: decide and evolve) and the Pekko
 * {@code EventSourcedBehavior} that persists it ({@link io.recast.kg.v1_0.KgEntity}).
 */
package io.recast.kg.v1_0;
