package io.recast.engine.migration;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockRequestTest {

    @Test
    void needsALockNameAndAnOwner() {
        assertThrows(IllegalArgumentException.class, () -> new LockRequest(" ", "runner-a", Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> new LockRequest("pekko", "", Duration.ofSeconds(30)));
        assertThrows(NullPointerException.class, () -> new LockRequest("pekko", null, Duration.ofSeconds(30)));
    }

    @Test
    void needsAPositiveLease() {
        assertThrows(IllegalArgumentException.class, () -> new LockRequest("pekko", "runner-a", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new LockRequest("pekko", "runner-a", Duration.ofMillis(-1)));
    }
}
