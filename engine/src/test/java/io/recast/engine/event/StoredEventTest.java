package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    private final StoredEvent event = TestEvents.builder("Foo@1.0", "{\"a\":1}")
            .persistenceId("p-9")
            .sequenceNr(4)
            .tags("b", "a", "c")
            .build();

    @Test
    void keyCombinesPersistenceIdAndSequenceNr() {
        assertEquals(new EventKey("p-9", 4), event.key());
        assertEquals("persistenceId=p-9, sequenceNr=4", event.key().toString());
        assertEquals("p-9", event.persistenceId());
        assertEquals(4, event.sequenceNr());
    }

    @Test
    void keepsTagsInInsertionOrder() {
        assertEquals(List.of("b", "a", "c"), new ArrayList<>(event.tags()));
    }

    @Test
    void tagsCannotBeChanged() {
        List<String> tags = new ArrayList<>(List.of("x"));
        StoredEvent tagged = event.toBuilder().tags(tags).build();

        tags.add("y");

        assertEquals(List.of("x"), new ArrayList<>(tagged.tags()));
        assertThrows(UnsupportedOperationException.class, () -> tagged.tags().add("z"));
    }

    @Test
    void toBuilderCopiesEveryField() {
        StoredEvent copy = event.toBuilder().build();

        assertEquals(event, copy);
        assertEquals(event.hashCode(), copy.hashCode());
        assertEquals(event.timestamp(), copy.timestamp());
        assertEquals(31, copy.serializerId());
    }

    @Test
    void comparesPayloadsByBytes() {
        StoredEvent fromTree = event.toBuilder().payload(Payload.ofJson(event.payload().json())).build();

        assertEquals(event, fromTree);
        assertEquals(event.hashCode(), fromTree.hashCode());
    }

    @Test
    void differsWhenAnyFieldDiffers() {
        List<UnaryOperator<StoredEvent.Builder>> changes = List.of(
                b -> b.persistenceId("p-10"),
                b -> b.sequenceNr(5),
                b -> b.timestamp(Instant.EPOCH),
                b -> b.tags("b"),
                b -> b.serializerId(33),
                b -> b.type(EventType.of("Foo", "1.1")),
                b -> b.payload(Payload.ofBytes(new byte[] {'{', '}'})));

        for (UnaryOperator<StoredEvent.Builder> change : changes) {
            assertNotEquals(event, change.apply(event.toBuilder()).build());
        }
    }

    @Test
    void comparingAndCopyingDoNotDecodeThePayload() {
        StoredEvent copy = event.toBuilder().build();

        assertEquals(event, copy);
        assertFalse(event.payload().isDecoded());
        assertFalse(copy.payload().isDecoded());
    }

    @Test
    void buildingWithoutARequiredFieldNamesTheField() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> event.toBuilder().type(null).build());

        assertTrue(e.getMessage().contains("type"), e.getMessage());
    }

    @Test
    void rejectsNullTags() {
        assertThrows(NullPointerException.class, () -> StoredEvent.builder().tags("a", null));
    }

    @Test
    void printsKeyAndTypeButNotPayloadContent() {
        String text = event.toString();

        assertTrue(text.contains("persistenceId=p-9, sequenceNr=4"), text);
        assertTrue(text.contains("Foo@1.0"), text);
        assertFalse(text.contains("\"a\""), text);
    }
}
