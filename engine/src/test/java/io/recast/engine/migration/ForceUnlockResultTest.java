package io.recast.engine.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForceUnlockResultTest {

    @Test
    void namesThePreviousHolderAndWarnsThatItMayStillRun() {
        LockHolder holder = new LockHolder("host-1:4242:ab12cd34", Instant.parse("2025-01-01T10:00:00Z"),
                Instant.parse("2025-01-01T10:00:30Z"), 7);

        String message = new ForceUnlockResult("pekko", Optional.of(holder)).describe();

        assertTrue(message.startsWith("Force-unlocked migration lock 'pekko', held by host-1:4242:ab12cd34 since"),
                message);
        assertTrue(message.contains("WARNING: if that runner is still running"), message);
    }

    @Test
    void saysSoWhenNobodyHeldTheLock() {
        assertEquals("Migration lock 'pekko' was not held: nothing to unlock.",
                new ForceUnlockResult("pekko", Optional.empty()).describe());
    }
}
