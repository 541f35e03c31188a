/**
 * Version 1.1 of the knowledge-graph service: the event model that the new service reads and writes
 * ({@link io.recast.kg.v1_1.KgEvent}), its pure domain ({@link io.recast.kg.v1_1.Domain}) and behaviour
 * ({@link io.recast.kg.v1_1.KgEntity}). Recast's v1.0 to v1.1 upcasters produce exactly these events.
 */
package io.recast.kg.v1_1;
