package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContextKeyTest {

    @Test
    void printsNameAndType() {
        assertEquals("baseIri (String)", new ContextKey<>("baseIri", String.class).toString());
    }

    @Test
    void keysAreEqualByNameAndType() {
        assertEquals(new ContextKey<>("n", String.class), new ContextKey<>("n", String.class));
        assertNotEquals(new ContextKey<>("n", String.class), new ContextKey<>("n", Integer.class));
    }

    @Test
    void rejectsABlankName() {
        assertThrows(IllegalArgumentException.class, () -> new ContextKey<>(" ", String.class));
    }
}
