package io.recast.kg.migration;

import io.recast.engine.upcast.DroppingUpcaster;

/**
 * {@code ResourceAttributesRefreshed} 1.0 is dropped: it was a no-op that did not change the resource's revision, and
 * v1.1 writes no event for a refresh. The payload is not decoded.
 */
public final class ResourceAttributesRefreshed_1_0_to_1_1 extends DroppingUpcaster {

    /** Creates the upcaster; it is stateless. */
    public ResourceAttributesRefreshed_1_0_to_1_1() {
        super(KgEventTypes.v1_0("ResourceAttributesRefreshed"), KgEventTypes.V1_1);
    }
}
