package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpcastContextTest {

    private static final ContextKey<String> BASE = new ContextKey<>("baseIri", String.class);

    @Test
    void emptyContextHasNoEntries() {
        assertEquals(Optional.empty(), UpcastContext.empty().get(BASE, "project-1"));
    }

    @Test
    void requireReturnsAnEntryThatExists() {
        UpcastContext context = UpcastContext.builder().put(BASE, "project-1", "https://x/");

        assertEquals("https://x/", context.require(BASE, "project-1"));
    }

    @Test
    void requireThrowsMissingContextExceptionNamingKeyAndId() {
        MissingContextException e = assertThrows(MissingContextException.class,
                () -> UpcastContext.empty().require(BASE, "project-1"));

        assertSame(BASE, e.key());
        assertEquals("project-1", e.id());
        assertTrue(e.getMessage().contains("baseIri"), e.getMessage());
    }
}
