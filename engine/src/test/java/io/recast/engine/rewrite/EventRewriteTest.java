package io.recast.engine.rewrite;

import static io.recast.engine.rewrite.ShopMigration.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRewriteTest {

    private final StoredEvent source = event("order-1", 3, "OrderPlaced@1.1", "{\"total\":1}");

    @Test
    void anEventThatStaysItselfIsNotChanged() {
        assertFalse(new EventRewrite(source, List.of(source)).changed());
    }

    @Test
    void anEqualCopyOfTheEventIsNotChanged() {
        StoredEvent copy = source.toBuilder()
                .payload(Payload.ofBytes("{\"total\":1}".getBytes(StandardCharsets.UTF_8)))
                .build();

        assertFalse(new EventRewrite(source, List.of(copy)).changed());
        assertFalse(source.payload().isDecoded(), "comparing payloads compares their bytes");
    }

    @Test
    void aNewPayloadTypeTagsOrSequenceNrIsAChange() {
        List<StoredEvent> variants = List.of(
                source.toBuilder().payload(Payload.ofBytes("{\"total\":2}".getBytes(StandardCharsets.UTF_8))).build(),
                source.toBuilder().type(EventType.of("OrderPlaced", "1.2")).build(),
                source.toBuilder().tags("shop").build(),
                source.toBuilder().sequenceNr(2).build());

        for (StoredEvent variant : variants) {
            assertTrue(new EventRewrite(source, List.of(variant)).changed(), variant.toString());
        }
    }

    @Test
    void aDroppedEventIsAChange() {
        assertTrue(new EventRewrite(source, List.of()).changed());
    }

    @Test
    void aSplitIsAChangeEvenWhenItsFirstPartIsTheEventItself() {
        StoredEvent second = source.toBuilder().sequenceNr(4).build();

        assertTrue(new EventRewrite(source, List.of(source, second)).changed());
    }

    @Test
    void keepsACopyOfTheOutputs() {
        List<StoredEvent> outputs = new ArrayList<>(List.of(source));
        EventRewrite rewrite = new EventRewrite(source, outputs);

        outputs.clear();

        assertEquals(List.of(source), rewrite.outputs());
        assertThrows(UnsupportedOperationException.class, () -> rewrite.outputs().add(source));
    }

    @Test
    void needsASource() {
        assertThrows(NullPointerException.class, () -> new EventRewrite(null, List.of()));
    }
}
