package io.recast.engine.rewrite;

import static io.recast.engine.rewrite.ShopMigration.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.StoredEvent;
import io.recast.engine.upcast.UpcastErrorCode;
import io.recast.engine.upcast.UpcastFailure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistenceIdEventsTest {

    private final PidRewrite.Quarantined unreadable = new PidRewrite.Quarantined("order-1", 3, "???",
            new UpcastFailure(UpcastErrorCode.UNKNOWN_MANIFEST, null, "cannot read the manifest", null));

    @Test
    void countsReadableAndUnreadableRows() {
        PersistenceIdEvents pid = new PersistenceIdEvents("order-1", List.of(
                event("order-1", 1, "OrderPlaced@1.1", "{}"), event("order-1", 2, "OrderPlaced@1.1", "{}")),
                List.of(unreadable));

        assertEquals(3, pid.rowCount());
    }

    @Test
    void ofMeansEveryRowWasReadable() {
        PersistenceIdEvents pid = PersistenceIdEvents.of("order-1", List.of(event("order-1", 1, "OrderPlaced@1.1", "{}")));

        assertTrue(pid.unreadable().isEmpty());
        assertEquals(1, pid.rowCount());
    }

    @Test
    void keepsCopiesOfItsLists() {
        List<StoredEvent> events = new ArrayList<>(List.of(event("order-1", 1, "OrderPlaced@1.1", "{}")));
        PersistenceIdEvents pid = PersistenceIdEvents.of("order-1", events);

        events.clear();

        assertEquals(1, pid.events().size());
    }

    @Test
    void needsAPersistenceId() {
        assertThrows(NullPointerException.class, () -> PersistenceIdEvents.of(null, List.of()));
    }
}
