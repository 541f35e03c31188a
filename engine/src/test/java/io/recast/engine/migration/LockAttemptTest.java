package io.recast.engine.migration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockAttemptTest {

    private static final Instant ACQUIRED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2025-01-01T10:00:30Z");

    @Test
    void aRefusalNamesTheHolderItsLeaseAndWhatTheOperatorCanDo() {
        String message = new LockAttempt.Refused("pekko", new LockHolder("host-1:4242:ab12cd34", ACQUIRED, EXPIRES, 7))
                .describe();

        assertTrue(message.startsWith("Migration lock 'pekko' is held by host-1:4242:ab12cd34 since "
                + "2025-01-01T10:00:00Z (fencing token 7), lease until 2025-01-01T10:00:30Z"), message);
        assertTrue(message.contains("frees itself when its lease expires (at 2025-01-01T10:00:30Z)"), message);
        assertTrue(message.contains("--force-unlock"), message);
    }

    @Test
    void anAcquisitionNamesTheOwnerAndTheFencingToken() {
        String message = new LockAttempt.Acquired(new LockLease("pekko", "host-1:4242:ab12cd34", 8, Duration.ofSeconds(30))).describe();

        assertTrue(message.equals("Acquired migration lock 'pekko' as host-1:4242:ab12cd34 (fencing token 8, lease"
                + " 30000 ms)"), message);
    }
}
