package io.recast.engine.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RewriteOptionsTest {

    @Test
    void aRunWritesAndADryRunDoesNotBothUnderTheirRunId() {
        RewriteOptions run = RewriteOptions.run("run-1");
        RewriteOptions dry = RewriteOptions.dryRun("run-2");

        assertFalse(run.dryRun());
        assertTrue(dry.dryRun());
        assertEquals("run-1", run.runId());
        assertEquals("run-2", dry.runId());
        assertEquals(run.samples(), dry.samples());
        assertEquals(run.listedLimit(), dry.listedLimit());
    }

    @Test
    void needsARunId() {
        assertThrows(NullPointerException.class, () -> RewriteOptions.run(null));
    }
}
