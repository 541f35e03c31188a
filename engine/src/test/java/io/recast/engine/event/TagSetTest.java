package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagSetTest {

    @Test
    void keepsTheGivenOrderAndEachTagOnceLikeALinkedHashSet() {
        List<String> given = List.of("b", "a", "b", "c", "a");
        Set<String> expected = new LinkedHashSet<>(given);

        TagSet tags = TagSet.copyOf(given);

        assertEquals(List.copyOf(expected), List.copyOf(tags));
        assertEquals(expected, tags);
        assertEquals(tags, expected);
        assertEquals(expected.hashCode(), tags.hashCode());
        assertEquals(expected.toString(), tags.toString());
        assertEquals(3, tags.size());
        assertTrue(tags.contains("c"));
        assertFalse(tags.contains("d"));
        assertFalse(tags.contains(null));
        assertEquals(Set.of("a", "b", "c"), tags);
    }

    @Test
    void manyTagsAreMadeDistinctToo() {
        List<String> given = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            given.add("tag-" + (i % 25));
        }
        Set<String> expected = new LinkedHashSet<>(given);

        TagSet tags = TagSet.copyOf(given);

        assertEquals(List.copyOf(expected), List.copyOf(tags));
        assertTrue(tags.contains("tag-24"));
        assertFalse(tags.contains("tag-25"));
    }

    @Test
    void anOwnedArrayIsMadeDistinctInItsOrder() {
        assertEquals(List.of("x", "org=1", "y"), List.copyOf(TagSet.ofOwnedArray("x", "org=1", "y", "org=1")));
        assertEquals(List.of(), List.copyOf(TagSet.ofOwnedArray()));
        assertSame(TagSet.of(), TagSet.ofOwnedArray());
    }

    @Test
    void aTagSetIsTakenAsItIs() {
        TagSet tags = TagSet.copyOf(List.of("a", "b"));

        assertSame(tags, TagSet.copyOf(tags));
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> TagSet.copyOf(null));
        assertThrows(NullPointerException.class, () -> TagSet.copyOf(Arrays.asList("a", null)));
        assertThrows(NullPointerException.class, () -> TagSet.ofOwnedArray("a", null));
    }

    @Test
    void cannotChange() {
        TagSet tags = TagSet.copyOf(List.of("a", "b"));

        assertThrows(UnsupportedOperationException.class, () -> tags.add("c"));
        assertThrows(UnsupportedOperationException.class, () -> tags.remove("a"));
        assertThrows(UnsupportedOperationException.class, () -> tags.addAll(List.of("c")));
        assertThrows(UnsupportedOperationException.class, () -> tags.removeAll(List.of("a")));
        assertThrows(UnsupportedOperationException.class, () -> tags.retainAll(List.of("a")));
        assertThrows(UnsupportedOperationException.class, () -> tags.removeIf(tag -> true));
        assertThrows(UnsupportedOperationException.class, tags::clear);
        Iterator<String> iterator = tags.iterator();
        iterator.next();
        assertThrows(UnsupportedOperationException.class, iterator::remove);
        assertEquals(List.of("a", "b"), List.copyOf(tags));
    }

    @Test
    void eventsBuiltFromAnEventShareItsTags() {
        StoredEvent event = StoredEvent.builder().persistenceId("p-1").sequenceNr(1).timestamp(Instant.EPOCH)
                .type(new EventType("Created", "1.0")).payload(Payload.ofBytes("{}".getBytes()))
                .tags(List.of("b", "a")).build();

        StoredEvent copy = event.toBuilder().sequenceNr(2).build();

        assertSame(event.tags(), copy.tags());
        assertEquals(List.of("b", "a"), List.copyOf(copy.tags()));
    }
}
