package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MigrateCommandExitCodeTest {

    @Test
    void aFailedStepIsThrownOnAfterSayingHowToResume() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        IllegalStateException failure = new IllegalStateException("Cassandra timeout during read query");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> MigrateCommand.exitCode(() -> {
                    throw failure;
                }, false, out));

        assertSame(failure, thrown, "the failure itself, for its message and exit code 1");
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("run the same command again and it goes on from where it stopped"), text);
        assertTrue(text.contains("recast status"), text);
    }

    @Test
    void aMigrationThatEndsPrintsNoHint() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertEquals(0, MigrateCommand.exitCode(() -> null, false, out));
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedDryRunPrintsNoHintForItRecordsNothing() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertThrows(IllegalStateException.class, () -> MigrateCommand.exitCode(() -> {
            throw new IllegalStateException("Cassandra timeout during read query");
        }, true, out));
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quarantinedEventsExitWithThreeAndTheirOwnMessageOnly() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertEquals(MigrateCommand.QUARANTINED, MigrateCommand.exitCode(() -> {
            throw new io.recast.migrate.QuarantinedEventsException(2, "ks");
        }, false, out));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("2 events were quarantined"), text);
        assertFalse(text.contains(MigrateCommand.RESUME_HINT), text);
    }
}
