package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MissingContextExceptionTest {

    @Test
    void namesKeyAndIdAndSaysWhatToDo() {
        String message = new MissingContextException(new ContextKey<>("baseIri", String.class), "project-7").getMessage();

        assertTrue(message.contains("baseIri (String)"), message);
        assertTrue(message.contains("'project-7'"), message);
        assertTrue(message.contains("Register a ContextCollector"), message);
    }
}
