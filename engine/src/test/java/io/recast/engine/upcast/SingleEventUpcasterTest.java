package io.recast.engine.upcast;

import static io.recast.engine.event.TestEvents.builder;
import static io.recast.engine.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.event.EventType;
import io.recast.engine.event.MalformedPayloadException;
import io.recast.engine.event.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SingleEventUpcasterTest {

    static final class Price_1_0_to_1_1 extends SingleEventUpcaster {
        Price_1_0_to_1_1() {
            super(EventType.of("Price", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            payload.set("cents", payload.remove("amount"));
            return payload;
        }
    }

    static final class Renamed_1_0_to_1_1 extends SingleEventUpcaster {
        Renamed_1_0_to_1_1() {
            super(EventType.of("Price", "1.0"), EventType.of("PriceSet", "1.1"));
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return payload.put("renamed", true);
        }

        @Override
        protected Set<String> upcastTags(Set<String> tags, ObjectNode upcastPayload) {
            Set<String> more = new LinkedHashSet<>(tags);
            more.add("renamed:" + upcastPayload.get("renamed").asText());
            return more;
        }
    }

    static final class ReturnsNothing extends SingleEventUpcaster {
        ReturnsNothing() {
            super(EventType.of("Price", "1.0"), "1.1");
        }

        @Override
        protected ObjectNode upcastPayload(ObjectNode payload) {
            return null;
        }
    }

    private final StoredEvent price = builder("Price@1.0", "{\"amount\":5}").tags("t1", "t2").build();

    private static StoredEvent single(Upcaster upcaster, StoredEvent event) {
        List<StoredEvent> outputs = upcaster.upcast(event, UpcastContext.empty()).toList();
        assertEquals(1, outputs.size());
        return outputs.get(0);
    }

    @Test
    void reshapesThePayloadAtTheTargetRevision() {
        StoredEvent output = single(new Price_1_0_to_1_1(), price);

        assertEquals(EventType.of("Price", "1.1"), output.type());
        assertEquals("{\"cents\":5}", output.payload().text());
    }

    @Test
    void keepsKeyTimestampSerializerAndTags() {
        StoredEvent output = single(new Price_1_0_to_1_1(), price);

        assertEquals(price.key(), output.key());
        assertEquals(price.timestamp(), output.timestamp());
        assertEquals(price.serializerId(), output.serializerId());
        assertEquals(List.of("t1", "t2"), new ArrayList<>(output.tags()));
    }

    @Test
    void leavesTheSourceEventAlone() {
        single(new Price_1_0_to_1_1(), price);

        assertEquals("{\"amount\":5}", price.payload().text());
        assertEquals("{\"amount\":5}", price.payload().json().toString());
    }

    @Test
    void renamesWhileReshapingAndMayChangeTags() {
        Renamed_1_0_to_1_1 upcaster = new Renamed_1_0_to_1_1();

        StoredEvent output = single(upcaster, price);

        assertEquals(EventType.of("PriceSet", "1.1"), upcaster.target());
        assertEquals("1.1", upcaster.targetRevision());
        assertEquals(EventType.of("PriceSet", "1.1"), output.type());
        assertEquals(List.of("t1", "t2", "renamed:true"), new ArrayList<>(output.tags()));
    }

    @Test
    void rejectsEventsOfAnotherType() {
        assertThrows(IllegalArgumentException.class,
                () -> new Price_1_0_to_1_1().upcast(event("Price@1.1", "{}"), UpcastContext.empty()));
    }

    @Test
    void aSubclassReturningNoPayloadIsAnErrorThatSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ReturnsNothing().upcast(price, UpcastContext.empty()));

        assertTrue(e.getMessage().contains("returned no payload"), e.getMessage());
    }

    @Test
    void aPayloadThatIsNotAnObjectIsMalformed() {
        assertThrows(MalformedPayloadException.class,
                () -> new Price_1_0_to_1_1().upcast(event("Price@1.0", "[]"), UpcastContext.empty()));
    }

    @Test
    void printsItsStep() {
        assertEquals("Price_1_0_to_1_1(Price@1.0 -> Price@1.1)", new Price_1_0_to_1_1().toString());
    }
}
