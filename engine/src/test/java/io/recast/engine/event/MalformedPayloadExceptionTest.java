package io.recast.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedPayloadExceptionTest {

    @Test
    void carriesTheParserMessageAndCause() {
        IllegalStateException cause = new IllegalStateException("x");
        MalformedPayloadException e = new MalformedPayloadException("Unexpected end-of-input", cause);

        assertEquals("Unexpected end-of-input", e.parserMessage());
        assertTrue(e.getMessage().endsWith("Unexpected end-of-input"), e.getMessage());
        assertSame(cause, e.getCause());
    }
}
