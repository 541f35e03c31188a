package io.recast.kg.migration;

import io.recast.engine.event.EventType;

/**
 * The event types of the knowledge-graph service. Events are nested in {@code KgEvent}, so the manifest
 * {@code io.recast.kg.v1_0.KgEvent$ResourceCreated} is the type {@code KgEvent$ResourceCreated@1.0}.
 */
final class KgEventTypes {

    /** The revision of the legacy service. */
    static final String V1_0 = "1.0";

    /** The revision of the new service. */
    static final String V1_1 = "1.1";

    private KgEventTypes() {
    }

    /** {@code KgEvent$<event>@1.0}. */
    static EventType v1_0(String event) {
        return EventType.of("KgEvent$" + event, V1_0);
    }

    /** {@code KgEvent$<event>@1.1}. */
    static EventType v1_1(String event) {
        return EventType.of("KgEvent$" + event, V1_1);
    }
}
